import { createServer, type Server } from 'node:http';
import { generatedPageHtml } from './generated-page';

/**
 * Serves the generated pages (/page.html?nodes=N) on loopback addresses, one
 * port for all. Different host names are different sites to Chromium (their
 * own renderer processes), which is how variants stay apart: the recorder
 * is only ever injected on the webtrace site.
 */
export interface PageServer {
  port: number;
  /** http://<host>:<port> */
  origin(host: string): string;
  close(): Promise<void>;
}

export async function startPageServer(hosts: readonly string[]): Promise<PageServer> {
  const cache = new Map<number, string>();
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/page.html') return void res.writeHead(404).end('not found');
    const nodes = Number(url.searchParams.get('nodes') ?? '1300');
    if (!Number.isInteger(nodes) || nodes < 100 || nodes > 1_000_000) return void res.writeHead(400).end('bad nodes');
    let html = cache.get(nodes);
    if (!html) cache.set(nodes, (html = generatedPageHtml(nodes)));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  };
  const servers: Server[] = [];
  let port = 0;
  for (const host of hosts) {
    const server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    port = (server.address() as { port: number }).port;
    servers.push(server);
  }
  return {
    port,
    origin: (host) => `http://${host}:${port}`,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
