import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The built viewer: one self-contained HTML file (scripts and styles inline). */
export const VIEWER_FILE = 'index.html';

export interface ViewerPage {
  html: string;
  /** Content-Security-Policy allowing exactly the page's own inline scripts. */
  csp: string;
}

/**
 * Loads dist/index.html, re-reading it only when its mtime changes (a rebuild
 * while the server runs is picked up). Null when the viewer was not built.
 */
export function createViewerLoader(distDir: string): () => Promise<ViewerPage | null> {
  const file = join(distDir, VIEWER_FILE);
  let cached: { mtimeMs: number; page: ViewerPage } | null = null;
  return async () => {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    if (cached?.mtimeMs !== info.mtimeMs) {
      const html = await readFile(file, 'utf8');
      cached = { mtimeMs: info.mtimeMs, page: { html, csp: viewerCsp(html) } };
    }
    return cached.page;
  };
}

/**
 * Recorded pages are rebuilt inside the viewer (in rrweb's sandboxed iframe,
 * which inherits this policy): no script may run but the viewer's own, and
 * nothing may be loaded from anywhere but this server, `data:` and `blob:`.
 * A recorded page's images, styles and fonts on other hosts (internal ones
 * too) are never fetched: the player puts placeholders in their place
 * (web/session/asset-placeholders.ts) and this policy blocks what remains.
 */
export function viewerCsp(html: string): string {
  const hashes = inlineScripts(html).map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    "style-src 'self' 'unsafe-inline' data:",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self' blob: data: about:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Contents of the executable inline scripts (not JSON data blocks, not external scripts). */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type === undefined || type === 'module' || type === 'text/javascript') out.push(match[2] ?? '');
  }
  return out;
}
