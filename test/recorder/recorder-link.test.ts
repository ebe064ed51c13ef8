import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOAD_ID, SESSION_A } from '../support/builders';
import { createRecorderLink, type PortLike } from '../../lib/recorder/recorder-link';
import { recorderToWorkerSchema } from '../../lib/schema/recorder-port';

const SESSION = SESSION_A;
const PAGE_LOAD = PAGE_LOAD_ID;
const settings = { maskAllText: false, blockSelector: null, maskTextSelector: null };

class FakePort implements PortLike {
  sent: any[] = [];
  private msgFns: Array<(m: unknown) => void> = [];
  private discFns: Array<() => void> = [];
  disconnected = false;
  postMessage(m: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(m));
  }
  disconnect() {
    this.disconnected = true;
  }
  onMessage = { addListener: (fn: (m: unknown) => void) => void this.msgFns.push(fn) };
  onDisconnect = { addListener: (fn: () => void) => void this.discFns.push(fn) };
  deliver(m: unknown) {
    for (const fn of this.msgFns) fn(m);
  }
  /** The worker went away. */
  drop() {
    this.disconnected = true;
    for (const fn of this.discFns) fn();
  }
}

function setup(
  overrides: { connect?: () => PortLike; maxUnacked?: number; maxUnackedBytes?: number; stash?: (k: string, v: unknown) => void } = {},
) {
  vi.useFakeTimers();
  const ports: FakePort[] = [];
  const calls = { session: 0, denied: [] as string[], invalidated: 0, problems: [] as string[] };
  const link = createRecorderLink({
    pageLoadId: PAGE_LOAD,
    site: 'http://localhost:3000',
    url: () => 'http://localhost:3000/x',
    connect:
      overrides.connect ??
      (() => {
        const p = new FakePort();
        ports.push(p);
        return p;
      }),
    onSession: () => void calls.session++,
    onDenied: (r) => void calls.denied.push(r),
    onInvalidated: () => void calls.invalidated++,
    onProblem: (m) => void calls.problems.push(m),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    maxUnacked: overrides.maxUnacked,
    maxUnackedBytes: overrides.maxUnackedBytes,
    stash: overrides.stash,
  });
  return { link, ports, calls };
}
const ev = { type: 3, timestamp: 1, data: {} };
const grant = (p: FakePort) => p.deliver({ kind: 'session', sessionId: SESSION, page: 0, settings });
const chunksSent = (p: FakePort) => p.sent.filter((m) => m.kind === 'chunk').map((m) => m.chunk.seq);

afterEach(() => vi.useRealTimers());

describe('createRecorderLink', () => {
  it('says hello first and sends chunks with increasing seq once the worker grants a session', () => {
    const { link, ports, calls } = setup();
    link.start();
    expect(ports[0]!.sent[0]).toEqual({ kind: 'hello', pageLoadId: PAGE_LOAD, url: 'http://localhost:3000/x' });
    link.send([ev]); // before the session: nothing to key it by, dropped
    grant(ports[0]!);
    expect(calls.session).toBe(1);
    link.send([ev]);
    link.send([ev]);
    expect(chunksSent(ports[0]!)).toEqual([0, 1]);
    expect(ports[0]!.sent[1].chunk).toMatchObject({ sessionId: SESSION, page: 0, site: 'http://localhost:3000' });
  });

  it("posts a chunk with its events as JSON text, which the worker's schema reads back as the events", () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    const events = [ev, { type: 2, timestamp: 2, data: { node: { id: 1, type: 0, childNodes: [] } } }];
    link.send(events);
    const message = ports[0]!.sent.find((m) => m.kind === 'chunk');
    expect(typeof message.chunk.events).toBe('string');
    const parsed = recorderToWorkerSchema.parse(message);
    expect(parsed.kind === 'chunk' && parsed.chunk.events).toEqual(events);
    expect(link.stats.unackedBytes).toBe(JSON.stringify(events).length);
  });

  it('keeps unacknowledged chunks and resends them, in order, after the worker restarts', () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    link.send([ev]);
    link.send([ev]);
    link.send([ev]);
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 1 } });
    ports[0]!.drop();
    vi.advanceTimersByTime(60);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent[0]).toMatchObject({ kind: 'hello', resumed: true });
    grant(ports[1]!);
    expect(chunksSent(ports[1]!)).toEqual([0, 2]);
    expect(link.stats).toMatchObject({ sent: 3, acked: 1, unacked: 2 });
  });

  it('does not reconnect when everything was acknowledged; the next chunk reconnects', () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    link.send([ev]);
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 0 } });
    ports[0]!.drop();
    vi.advanceTimersByTime(10_000);
    expect(ports).toHaveLength(1);
    link.send([ev]);
    expect(ports).toHaveLength(2);
    grant(ports[1]!);
    expect(chunksSent(ports[1]!)).toEqual([1]);
  });

  it('stops on denial, and treats a failing connect as an invalidated extension context', () => {
    const denied = setup();
    denied.link.start();
    denied.ports[0]!.deliver({ kind: 'denied', reason: 'site not enabled' });
    expect(denied.calls.denied).toEqual(['site not enabled']);
    expect(denied.ports[0]!.disconnected).toBe(true);
    vi.useRealTimers();
    const gone = setup({
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    gone.link.start();
    expect(gone.calls.invalidated).toBe(1);
  });

  it('drops the oldest unacknowledged chunks past the cap, counting them', () => {
    const { link, ports } = setup({ maxUnacked: 2 });
    link.start();
    grant(ports[0]!);
    for (let i = 0; i < 5; i++) link.send([ev]);
    expect(link.stats).toMatchObject({ dropped: 3, unacked: 2, peakUnacked: 2 });
  });

  it('reports dropped chunks with the next chunks until one of them is acknowledged', () => {
    const { link, ports } = setup({ maxUnacked: 2 });
    link.start();
    grant(ports[0]!);
    for (let i = 0; i < 4; i++) link.send([ev]); // 0 and 1 dropped
    const chunkMsgs = () => ports[0]!.sent.filter((m) => m.kind === 'chunk');
    expect(chunkMsgs().map((m) => m.dropped)).toEqual([undefined, undefined, [{ fromSeq: 0, toSeq: 0 }], [{ fromSeq: 0, toSeq: 1 }]]);
    // The ack of seq 2 covers only what seq 2 carried: seq 1's drop is still reported.
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 2 } });
    link.send([ev]);
    expect(chunkMsgs().at(-1)!.dropped).toEqual([{ fromSeq: 1, toSeq: 1 }]);
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 4 } });
    link.send([ev]);
    expect(chunkMsgs().at(-1)!.dropped).toBeUndefined();
  });

  it('caps unacknowledged bytes too, but always keeps the newest chunk', () => {
    const { link, ports } = setup({ maxUnackedBytes: 100 });
    link.start();
    grant(ports[0]!);
    const big = [{ type: 3, timestamp: 1, data: { pad: 'x'.repeat(80) } }];
    link.send(big);
    link.send(big);
    expect(link.stats).toMatchObject({ dropped: 1, unacked: 1 });
    expect(link.stats.unackedBytes).toBeGreaterThan(80);
    expect(link.stats.peakUnackedBytes).toBeLessThanOrEqual(200);
  });

  it('posts chunks right after a reconnecting hello, so a page about to unload gets them out', () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    link.send([ev]);
    ports[0]!.drop();
    // The page hides before the reconnect timer: sending reconnects at once and posts behind the hello.
    link.send([ev]);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent.map((m) => m.kind)).toEqual(['hello', 'chunk', 'chunk']);
    expect(chunksSent(ports[1]!)).toEqual([0, 1]);
    // The session answer does not post them a second time on the same port.
    grant(ports[1]!);
    expect(chunksSent(ports[1]!)).toEqual([0, 1]);
  });

  it('ignores acknowledgements for another page', () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    link.send([ev]);
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 1, seq: 0 } });
    expect(link.stats).toMatchObject({ acked: 0, unacked: 1 });
  });

  it('reports malformed worker messages instead of throwing', () => {
    const { link, ports, calls } = setup();
    link.start();
    expect(() => ports[0]!.deliver({ kind: 'ack', key: 'nope' })).not.toThrow();
    expect(calls.problems[0]).toMatch(/unexpected message/);
  });

  it('when a run ends the page, leaves what is unacknowledged in the stash for the worker', () => {
    const stashed: Array<[string, any]> = [];
    const { link, ports } = setup({ stash: (k, v) => void stashed.push([k, v]), maxUnacked: 2 });
    link.start();
    grant(ports[0]!);
    link.send([ev]);
    link.send([ev]);
    link.send([ev]); // seq 0 dropped
    ports[0]!.deliver({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 1 } });
    expect(stashed).toEqual([]);
    link.send([ev, { type: 5, timestamp: 2, data: { tag: 'webtrace.page-end', payload: { reason: 'pagehide' } } }]);
    expect(stashed).toHaveLength(1);
    expect(stashed[0]![0]).toBe(`webtrace:stash:${PAGE_LOAD}`);
    // Serialised: storage.local would cut a deep page to 100 levels.
    expect(typeof stashed[0]![1]).toBe('string');
    const stash = JSON.parse(stashed[0]![1]);
    expect(stash.chunks.map((c: { seq: number }) => c.seq)).toEqual([2, 3]);
    expect(stash.dropped).toEqual([{ fromSeq: 0, toSeq: 0 }]);
  });

  it('reconnects at once when posting on a port that died unnoticed throws', () => {
    const { link, ports } = setup();
    link.start();
    grant(ports[0]!);
    ports[0]!.disconnected = true; // gone, but onDisconnect has not run yet
    link.send([ev]);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent.map((m) => m.kind)).toEqual(['hello', 'chunk']);
  });
});
