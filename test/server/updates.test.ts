import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../server/settings/load-settings';
import { makeApp, makeTempDir, removeDir } from './harness';

let dataDir: string;
let releaseDir: string;
beforeEach(async () => {
  dataDir = await makeTempDir();
  releaseDir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dataDir);
  await removeDir(releaseDir);
});

const XML = '<?xml version="1.0" encoding="UTF-8"?><gupdate xmlns="http://www.google.com/update2/response" protocol="2.0"></gupdate>';

async function publish(version: string, bytes: Buffer): Promise<void> {
  await mkdir(join(releaseDir, 'crx'), { recursive: true });
  await writeFile(join(releaseDir, 'crx', `webtrace-${version}.crx`), bytes);
  await writeFile(join(releaseDir, 'updates.xml'), XML.replace('</gupdate>', `<!-- ${version} --></gupdate>`));
}

describe('self-hosted updates', () => {
  it('serve the update manifest and the CRX with no token, reading what is published now', async () => {
    const app = makeApp(dataDir, { releaseDir });
    expect((await app.inject('/updates.xml')).statusCode).toBe(404);
    const crx = Buffer.from('Cr24\u0003fake-crx-bytes');
    await publish('1.2.3', crx);
    // Browsers add their own query (os, arch, x=id...); no cookie, no Authorization.
    const res = await app.inject('/updates.xml?os=linux&x=id%3Dabc%26v%3D1.2.2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.body).toContain('<!-- 1.2.3 -->');
    const file = await app.inject('/crx/webtrace-1.2.3.crx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/x-chrome-extension');
    expect(file.rawPayload.equals(crx)).toBe(true);
    await publish('1.2.4', Buffer.from('Cr24 newer'));
    expect((await app.inject('/updates.xml')).body).toContain('<!-- 1.2.4 -->');
    await app.close();
  });

  it('serve nothing else from the release directory (its policies hold the ingest token)', async () => {
    await publish('1.0.0', Buffer.from('crx'));
    await mkdir(join(releaseDir, 'policies'), { recursive: true });
    await writeFile(join(releaseDir, 'policies', 'secret.json'), '{"ingestToken":"t"}');
    const app = makeApp(dataDir, { releaseDir });
    for (const url of [
      '/crx/..%2Fpolicies%2Fsecret.json',
      '/crx/webtrace-1.0.0.crx%2F..%2F..%2FSHA256SUMS',
      '/crx/secret.json',
      '/policies/secret.json',
      '/crx/webtrace-9.9.9.crx',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('ingestToken');
    }
    await app.close();
  });

  it('are off without a release directory', async () => {
    const app = makeApp(dataDir);
    expect((await app.inject('/updates.xml')).statusCode).toBe(404);
    await app.close();
  });

  it('take the release directory from WEBTRACE_RELEASE_DIR or --release-dir, which must be a directory', () => {
    expect(loadSettings([], {}).releaseDir).toBeNull();
    expect(loadSettings([], { WEBTRACE_RELEASE_DIR: releaseDir }).releaseDir).toBe(releaseDir);
    expect(loadSettings(['--release-dir', releaseDir], { WEBTRACE_RELEASE_DIR: '/elsewhere' }).releaseDir).toBe(releaseDir);
    expect(() => loadSettings(['--release-dir', join(releaseDir, 'missing')], {})).toThrow(
      /--release-dir \/ WEBTRACE_RELEASE_DIR: .*missing is not a directory/,
    );
    expect(() => loadSettings(['--release-dir', ''], {})).toThrow(/release directory must not be empty/);
  });
});
