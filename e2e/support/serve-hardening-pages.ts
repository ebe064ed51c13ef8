import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Serves the probe pages (e2e/hardening/*.html) on 127.0.0.1; `{{EXT}}` becomes `external`'s origin. */
const PAGES_DIR = fileURLToPath(new URL('../hardening/', import.meta.url));

export interface Served {
  origin: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const closer = (server: Server) => () =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export async function serveHardeningPages(external = 'http://127.0.0.1:9'): Promise<Served> {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    const file = path.join(PAGES_DIR, path.normalize(pathname.replace(/^\/hardening\//, '')));
    if (!file.startsWith(PAGES_DIR) || !file.endsWith('.html')) return res.writeHead(404).end('not found');
    try {
      const html = (await readFile(file, 'utf8')).replaceAll('{{EXT}}', external);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return { origin: await listen(server), close: closer(server) };
}

/** Another host: answers everything (a tiny PNG, empty CSS, a font, a JSON receipt-like body) and logs each request. */
export async function serveExternalHost(): Promise<
  Served & { requests: Array<{ method: string; url: string; authorization: string | null }> }
> {
  const requests: Array<{ method: string; url: string; authorization: string | null }> = [];
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? null });
    req.resume();
    const url = req.url ?? '';
    const type = url.endsWith('.css')
      ? 'text/css'
      : url.endsWith('.png')
        ? 'image/png'
        : url.endsWith('.woff2')
          ? 'font/woff2'
          : 'application/json';
    res
      .writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' })
      .end(type === 'image/png' ? PNG : type === 'application/json' ? '{}' : '');
  });
  return { origin: await listen(server), close: closer(server), requests };
}
