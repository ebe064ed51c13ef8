import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecorderLink, type PortLike } from '../../lib/recorder/recorder-link';

const SESSION = '11111111-1111-4111-8111-111111111111';
const PAGE_LOAD = '22222222-2222-4222-8222-222222222222';
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

function setup(overrides: { connect?: () => PortLike; maxUnacked?: number } = {}) {
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
    expect(ports[1]!.sent[0].kind).toBe('hello');
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
    expect(link.stats).toMatchObject({ dropped: 3, unacked: 2 });
  });

  it('reports malformed worker messages instead of throwing', () => {
    const { link, ports, calls } = setup();
    link.start();
    expect(() => ports[0]!.deliver({ kind: 'ack', key: 'nope' })).not.toThrow();
    expect(calls.problems[0]).toMatch(/unexpected message/);
  });
});
