import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Serves the small multi-page test web app in e2e/app on 127.0.0.1, and the built component-library pages (e2e/libs/dist) under /libs/. */
const APP_DIR = fileURLToPath(new URL('../app/', import.meta.url));
const LIBS_DIR = fileURLToPath(new URL('../libs/dist/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface TestApp {
  origin: string;
  close(): Promise<void>;
}

export async function serveTestApp(): Promise<TestApp> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/signin') {
      req.resume();
      req.on('end', () => res.writeHead(303, { Location: '/app.html' }).end());
      return;
    }
    const libs = url.pathname.startsWith('/libs/');
    const dir = libs ? LIBS_DIR : APP_DIR;
    const file = libs
      ? url.pathname.slice('/libs/'.length)
      : url.pathname === '/'
        ? 'index.html'
        : url.pathname.startsWith('/app/')
          ? 'app.html'
          : url.pathname.slice(1);
    const full = path.join(dir, path.normalize(file));
    if (!full.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(full);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(full)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
