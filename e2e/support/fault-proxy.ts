import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small HTTP proxy between the extension and the real ingestion server that
 * the test controls: every POST /v1/batches is passed, answered, delayed,
 * held or cut as `policy` says, and logged. `setDown(true)` stops listening
 * (connections are refused) until `setDown(false)` listens on the same port.
 */
export type Fault =
  | { kind: 'pass' }
  /** Answer without forwarding (500, 429 with Retry-After, 413…). */
  | { kind: 'answer'; status: number; headers?: Record<string, string> }
  /** Forward (the server stores the batch), then answer `status` instead of the server's 2xx: a lost acknowledgement. */
  | { kind: 'answerAfterForward'; status: number }
  /** Hold the request `ms`, then cut the connection without forwarding (a gateway timeout). */
  | { kind: 'hang'; ms: number }
  /** Forward, then hold the server's answer `ms` and cut the connection: stored, but the client sees a timeout. */
  | { kind: 'hangAfterForward'; ms: number }
  /** Forward after `ms` and answer as the server does: a slow server. */
  | { kind: 'delay'; ms: number };

export interface BatchRequest {
  /** 0-based count of batch requests so far. */
  index: number;
  batchId: string | null;
  chunks: number;
  /** Compressed body size. */
  bytes: number;
  /** Drop reports the batch carries. */
  dropped: number;
}

export interface LoggedRequest extends BatchRequest {
  at: number;
  fault: Fault['kind'];
  /** What the client got: an HTTP status, or null when the connection was cut. */
  status: number | null;
  retryAfter: string | null;
}

export interface FaultProxy {
  url: string;
  setTarget(url: string): void;
  setPolicy(policy: (req: BatchRequest) => Fault): void;
  setDown(down: boolean): Promise<void>;
  readonly log: readonly LoggedRequest[];
  /** Most batch requests the proxy held at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let upstream = target;
  let policy: (req: BatchRequest) => Fault = () => ({ kind: 'pass' });
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;

  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const res = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' ? undefined : new Uint8Array(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const reply = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(text);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/batches')) {
      const r = await forward(req, body);
      return reply(res, r.status, r.text);
    }
    const info = describe(body, log.length);
    const fault = policy(info);
    const entry: LoggedRequest = { ...info, at: Date.now(), fault: fault.kind, status: null, retryAfter: null };
    log.push(entry);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      switch (fault.kind) {
        case 'answer':
          entry.status = fault.status;
          entry.retryAfter = fault.headers?.['Retry-After'] ?? null;
          return reply(res, fault.status, JSON.stringify({ error: 'injected', message: `fault proxy: ${fault.status}` }), fault.headers);
        case 'hang':
          await sleep(fault.ms);
          return void res.socket?.destroy();
        case 'hangAfterForward':
          await forward(req, body);
          await sleep(fault.ms);
          return void res.socket?.destroy();
        case 'answerAfterForward':
          await forward(req, body);
          entry.status = fault.status;
          return reply(res, fault.status, JSON.stringify({ error: 'injected', message: `fault proxy: ${fault.status}` }));
        case 'delay':
        case 'pass': {
          if (fault.kind === 'delay') await sleep(fault.ms);
          const r = await forward(req, body);
          entry.status = r.status;
          return reply(res, r.status, r.text);
        }
      }
    } finally {
      inFlight -= 1;
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  await listen(0);
  const { port } = server.address() as { port: number };
  let down = false;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (url) => void (upstream = url),
    setPolicy: (p) => void (policy = p),
    async setDown(value) {
      if (value === down) return;
      down = value;
      if (value) await stopListening();
      else await listen(port);
    },
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    close: async () => {
      if (!down) await stopListening();
    },
  };
}

function describe(body: Buffer, index: number): BatchRequest {
  try {
    const batch = JSON.parse(gunzipSync(body).toString('utf8')) as { batchId?: string; chunks?: unknown[]; dropped?: unknown[] };
    return {
      index,
      batchId: batch.batchId ?? null,
      chunks: batch.chunks?.length ?? 0,
      bytes: body.length,
      dropped: batch.dropped?.length ?? 0,
    };
  } catch {
    return { index, batchId: null, chunks: 0, bytes: body.length, dropped: 0 };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
