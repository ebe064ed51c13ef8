import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A load balancer in front of several server instances, as an organisation
 * runs them, that the test steers: each POST /v1/batches goes to one instance
 * in turn, to every instance at once (the same batch raced), or to one that is
 * killed while it writes. Other requests go to the first live instance.
 */
export type Route =
  /** The next instance in turn. */
  | { kind: 'next' }
  /** Every live instance at once; the client gets the first answer. */
  | { kind: 'all' }
  /**
   * The next instance, killed (SIGKILL) `afterMs` after the body was sent to it, and started again;
   * the client's connection is cut. Only while every instance is up (else as `next`).
   */
  | { kind: 'killMidWrite'; afterMs: number };

export interface Instance {
  readonly url: string;
  kill(): Promise<void>;
  start(): Promise<string>;
}

export interface RoutedRequest {
  index: number;
  batchId: string | null;
  route: Route['kind'];
  /** The instances the batch went to (positions in the list). */
  to: number[];
  /** What the client got: an HTTP status, or null when the connection was cut. */
  status: number | null;
}

export interface Balancer {
  url: string;
  setRoute(route: (index: number) => Route): void;
  readonly log: readonly RoutedRequest[];
  /** Kills in flight finish, and the killed instances are started again. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startBalancer(instances: readonly Instance[]): Promise<Balancer> {
  let route: (index: number) => Route = () => ({ kind: 'next' });
  let turn = 0;
  const log: RoutedRequest[] = [];
  const down = new Set<number>();
  /** Instances to be killed or being restarted. */
  const dying = new Set<number>();
  const restarts: Promise<unknown>[] = [];
  const sockets = new Set<Socket>();

  const live = () => instances.map((_, i) => i).filter((i) => !down.has(i));
  const nextLive = () => {
    const up = live();
    if (up.length === 0) return null;
    turn += 1;
    return up[turn % up.length]!;
  };

  const forward = async (i: number, req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const res = await fetch(`${instances[i]!.url}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const reply = (res: ServerResponse, r: { status: number; text: string }) =>
    res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(r.text);
  const cut = (res: ServerResponse) => void res.socket?.destroy();

  /** Kills instance i after `ms`, then starts it again (on the same store) while traffic goes to the others. */
  const killLater = (i: number, ms: number) => {
    dying.add(i);
    const done = (async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      down.add(i);
      await instances[i]!.kill();
      await instances[i]!.start();
      down.delete(i);
      dying.delete(i);
    })();
    restarts.push(done);
    return done;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/batches')) {
      const i = live()[0];
      return i === undefined ? cut(res) : reply(res, await forward(i, req, body));
    }
    // One instance down at a time: the others keep serving, as in a rolling failure.
    const asked = route(log.length);
    const chosen: Route = asked.kind === 'killMidWrite' && dying.size > 0 ? { kind: 'next' } : asked;
    const entry: RoutedRequest = { index: log.length, batchId: batchIdOf(body), route: chosen.kind, to: [], status: null };
    log.push(entry);
    if (chosen.kind === 'all') {
      entry.to = live();
      const answers = entry.to.map((i) => forward(i, req, body));
      const first = await Promise.any(answers).catch(() => null);
      await Promise.allSettled(answers);
      if (!first) return cut(res);
      entry.status = first.status;
      return reply(res, first);
    }
    const i = nextLive();
    if (i === null) return cut(res);
    entry.to = [i];
    if (chosen.kind === 'killMidWrite') {
      const killed = killLater(i, chosen.afterMs);
      // Whatever the instance answers before it dies, the client never hears it.
      await Promise.allSettled([forward(i, req, body), killed]);
      return cut(res);
    }
    const r = await forward(i, req, body);
    entry.status = r.status;
    return reply(res, r);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => cut(res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    setRoute: (r) => void (route = r),
    log,
    async settle() {
      await Promise.all(restarts);
    },
    async close() {
      await Promise.all(restarts);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function batchIdOf(body: Buffer): string | null {
  try {
    return (JSON.parse(gunzipSync(body).toString('utf8')) as { batchId?: string }).batchId ?? null;
  } catch {
    return null;
  }
}
