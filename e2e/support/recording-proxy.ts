import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

/**
 * Stands between the extension and the ingestion server and keeps every
 * request body it is sent, decompressed, so a test can search exactly what
 * left the machine. While closed it answers 503 (the extension keeps its
 * queue and retries later); once opened it forwards to the server.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  body: string;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  open(): void;
  close(): Promise<void>;
}

/** What the extension's uploads carry that the server reads (the install credential too); the bench's proxy forwards the same. */
export const FORWARDED_HEADERS = ['content-type', 'content-encoding', 'authorization', 'idempotency-key', 'webtrace-install-credential'];

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  let isOpen = false;

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const gzip = /gzip/i.test(String(req.headers['content-encoding'] ?? ''));
    let body: string;
    try {
      body = (gzip ? gunzipSync(raw) : raw).toString('utf8');
    } catch (err) {
      body = `<undecodable ${raw.length} bytes: ${String(err)}>${raw.toString('latin1')}`;
    }
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', status: 503, body };
    requests.push(record);
    if (!isOpen) {
      res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unavailable', message: 'proxy closed' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const answer = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(raw),
      });
      record.status = answer.status;
      const text = await answer.text();
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    } catch (err) {
      record.status = 502;
      res.writeHead(502).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    open: () => {
      isOpen = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps connections alive; close() alone would wait for them
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
