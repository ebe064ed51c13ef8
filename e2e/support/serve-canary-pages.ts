import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Serves the canary pages (e2e/canary) on 127.0.0.1 with this run's canary
 * values filled in: `{{id}}` becomes the value, `{{js:id}}` a JS string
 * literal of it. Any path under /canary/u/ or /canary/orders/ serves the SPA
 * page, so pages can push such URLs and be reloaded at them.
 */
const PAGES_DIR = fileURLToPath(new URL('../canary/', import.meta.url));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface CanaryPages {
  origin: string;
  url(pathname: string): string;
  close(): Promise<void>;
}

export async function serveCanaryPages(values: ReadonlyMap<string, string>): Promise<CanaryPages> {
  const fill = (html: string) =>
    html.replace(/\{\{(js:)?([a-z0-9-]+)\}\}/g, (_m, js: string | undefined, id: string) => {
      const value = values.get(id);
      if (value === undefined) throw new Error(`canary page uses unknown vector "${id}"`);
      return js ? JSON.stringify(value) : value;
    });

  const server: Server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (pathname.endsWith('.png')) return res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
    if (req.method === 'POST') return req.resume().on('end', () => res.writeHead(204).end());
    const spaRoute = pathname.startsWith('/canary/u/') || pathname.startsWith('/canary/orders/');
    const file = spaRoute ? 'spa.html' : pathname.replace(/^\/canary\//, '');
    const full = path.join(PAGES_DIR, path.normalize(file));
    if (!full.startsWith(PAGES_DIR) || !file.endsWith('.html')) return res.writeHead(404).end('not found');
    try {
      const html = fill(await readFile(full, 'utf8'));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => `${origin}${pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps connections alive; close() alone would wait for them
      }),
  };
}
