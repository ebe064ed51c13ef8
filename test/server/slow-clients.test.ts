import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../e2e/support/server-process';
import { readFrom, sendBatch, SPAWNED_TOKENS as TOKENS, useSpawnedServers } from '../support/spawned-server';
import { makeBatch, makeChunk, newSessionId } from './fixtures';

/**
 * Probe: clients that open connections and never finish. The server runs with
 * the usual limit of 1,024 open files (prlimit), as on most Linux machines.
 * 1,000 uploads without a valid token send their headers and then trickle the
 * body: they are refused on the headers and their connections closed at once,
 * so uploads and /healthz keep working. Connections that never finish their
 * headers, or their body, are closed by the timeouts; past the connection cap
 * new connections are turned away without touching the ones in use.
 * (Before the fix all of them stayed open, and with 1,000 of them the server
 * ran out of file descriptors: uploads and /healthz failed.)
 */
const servers = useSpawnedServers();
let server: ServerProcess | null = null;
const sockets: Socket[] = [];
// Registered after the servers' hook, so it runs first: the sockets go before their server.
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  server = null;
});

async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = await servers.start({ env });
  // The soft and hard limit most servers run with.
  execFileSync('prlimit', [`--pid=${proc.pid}`, '--nofile=1024:1024']);
  return proc;
}

/** Opens a connection that sends `head` and then one byte of body a second, and counts when the server closes it. */
function slowClient(url: string, head: string, closed: { count: number }): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let drip: ReturnType<typeof setInterval> | undefined;
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      drip = setInterval(() => socket.writable && socket.write('x'), 1000);
      resolve();
    });
    sockets.push(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      closed.count += 1;
    });
  });
}

const bodyHead = (url: string, auth: string) =>
  `POST /v1/batches HTTP/1.1\r\nHost: ${new URL(url).host}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n${auth}Content-Length: 50000000\r\n\r\n`;

async function upload(url: string): Promise<number> {
  const batch = makeBatch([makeChunk({ sessionId: newSessionId() })]);
  const res = await sendBatch(url, batch);
  await res.arrayBuffer();
  return res.status;
}

const healthz = async (url: string) => (await fetch(`${url}/healthz`)).status;

describe('slow and unauthenticated clients', () => {
  it('1,000 slow unauthenticated bodies leave uploads and /healthz working', async () => {
    server = await startServer();
    const closed = { count: 0 };
    const heads = [(u: string) => bodyHead(u, ''), (u: string) => bodyHead(u, 'Authorization: Bearer not-a-valid-token-at-all\r\n')];
    // In waves of 50, the service checked after each: none of them is ever waited for.
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => slowClient(server!.url, heads[(i + k) % 2]!(server!.url), closed)));
      expect(await healthz(server.url), `after ${i + 50} slow clients`).toBe(200);
    }
    expect(await upload(server.url)).toBe(200);
    // Refused on the headers, and their connections closed, without waiting for the bodies.
    await expect.poll(() => closed.count, { timeout: 20_000 }).toBe(1000);
    const stats = await (await readFrom(server.url, '/v1/stats')).json();
    expect(stats.rejected.unauthorized).toBe(1000);
    console.log(
      `[slow-clients] 1,000 slow unauthenticated bodies: all refused (401) and closed by the server, /healthz 200 after every 50, an upload 200`,
    );
  }, 60_000);

  it('closes connections whose headers or body never finish, and turns away connections past the cap', async () => {
    server = await startServer({
      WEBTRACE_HEADERS_TIMEOUT_MS: '1000',
      WEBTRACE_REQUEST_TIMEOUT_MS: '2000',
      WEBTRACE_MAX_CONNECTIONS: '20',
    });
    const closed = { count: 0 };
    // Half of them stop in the middle of their headers, half (with a valid token) in the middle of the body.
    for (let i = 0; i < 20; i++) {
      const head =
        i % 2
          ? `POST /v1/batches HTTP/1.1\r\nHost: x\r\nX-Slow: `
          : bodyHead(server.url, `Authorization: Bearer ${TOKENS.ingestToken}\r\n`);
      await slowClient(server.url, head, closed);
    }
    // At the cap: a new connection is closed by the server without an answer.
    const turnedAway = { count: 0 };
    await slowClient(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', turnedAway);
    await expect.poll(() => turnedAway.count, { timeout: 10_000 }).toBe(1);
    // The timeouts free every slot; then the server answers again.
    await expect.poll(() => closed.count, { timeout: 20_000 }).toBe(20);
    expect(await healthz(server.url)).toBe(200);
    expect(await upload(server.url)).toBe(200);
  }, 60_000);
});
