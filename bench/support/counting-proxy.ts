import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { FORWARDED_HEADERS } from '../../e2e/support/recording-proxy';

/**
 * Stands between the extension and the ingestion server and counts what
 * crosses the wire: each upload's compressed size, and (while capturing) its
 * decompressed body, parsed, for the bytes and ingest workloads.
 */
export interface Upload {
  at: number;
  wireBytes: number;
  status: number;
  /** The batch, when capturing. */
  body?: unknown;
}

export interface CountingProxy {
  url: string;
  uploads: Upload[];
  capture(on: boolean): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const uploads: Upload[] = [];
  let capturing = false;
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upload: Upload | null = req.method === 'POST' ? { at: Date.now(), wireBytes: raw.length, status: 0 } : null;
    if (upload) {
      if (capturing) upload.body = JSON.parse(gunzipSync(raw).toString('utf8'));
      uploads.push(upload);
    }
    try {
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: upload ? new Uint8Array(raw) : undefined });
      if (upload) upload.status = answer.status;
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    uploads,
    capture: (on) => {
      capturing = on;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}
