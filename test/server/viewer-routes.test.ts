import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inlineScripts, viewerCsp } from '../../server/viewer/viewer-page';
import { makeApp, makeTempDir, READ_TOKEN, removeDir } from './harness';

const SCRIPT = 'document.body.textContent = "viewer";';
const PAGE = `<!doctype html><html><head>
<script type="application/json" id="webtrace-session-data"></script>
<script type="module">${SCRIPT}</script></head><body></body></html>`;

const dirs: string[] = [];
async function appWithViewer(html: string | null) {
  const dataDir = await makeTempDir();
  const viewerDir = await makeTempDir();
  dirs.push(dataDir, viewerDir);
  if (html !== null) {
    await mkdir(viewerDir, { recursive: true });
    await writeFile(join(viewerDir, 'index.html'), html);
  }
  return { app: makeApp(dataDir, { viewerDir }), viewerDir };
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await removeDir(d);
});

describe('GET /viewer/', () => {
  it('serves the built page without a token, allowing exactly its own inline script', async () => {
    const { app } = await appWithViewer(PAGE);
    const res = await app.inject({ url: '/viewer/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(PAGE);
    const hash = createHash('sha256').update(SCRIPT).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    // The replay frame inherits it: images, styles, fonts and media from this server, data: and blob: only.
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "media-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline' data:",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/\bhttps?:/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    await app.close();
  });

  it('redirects / and /viewer to /viewer/', async () => {
    const { app } = await appWithViewer(PAGE);
    for (const url of ['/', '/viewer']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location).toBe('/viewer/');
    }
    await app.close();
  });

  it('says plainly how to build the viewer when it was not built, and picks up a build made later', async () => {
    const { app, viewerDir } = await appWithViewer(null);
    const res = await app.inject({ url: '/viewer/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('The viewer has not been built');
    expect(res.body).toContain('npm run build:viewer');
    await writeFile(join(viewerDir, 'index.html'), PAGE);
    expect((await app.inject({ url: '/viewer/' })).statusCode).toBe(200);
    await app.close();
  });

  it('leaves the read API behind its token', async () => {
    const { app } = await appWithViewer(PAGE);
    expect((await app.inject({ url: '/v1/sessions' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/sessions', headers: { authorization: `Bearer ${READ_TOKEN}` } })).statusCode).toBe(200);
    await app.close();
  });
});

describe('viewerCsp', () => {
  it('hashes executable inline scripts only: not JSON data blocks, not external scripts', () => {
    const html = `<script>a()</script><script type="application/json">{"x":1}</script><script src="x.js"></script><script type="module">b()</script>`;
    expect(inlineScripts(html)).toEqual(['a()', 'b()']);
    expect(viewerCsp('<p>no scripts</p>')).toContain("script-src 'none'");
  });
});
