import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../lib/schema/chunk';
import type { WorkerToRecorder } from '../../lib/schema/recorder-port';
import { createRecorderPortHandler, type PortHandlerDeps } from '../../lib/worker/recorder-port-handler';
import { queueLevel } from '../../lib/worker/connect-recorder';

const SESSION = '11111111-1111-4111-8111-111111111111';
const OTHER = '33333333-3333-4333-8333-333333333333';
const PAGE_LOAD = '22222222-2222-4222-8222-222222222222';
const settings = { maskAllText: false, blockSelector: null, maskTextSelector: null };
const chunk = (over: Partial<Chunk> = {}): Chunk => ({
  sessionId: SESSION,
  page: 0,
  seq: 0,
  site: 'http://localhost:3000',
  url: 'http://localhost:3000/',
  events: [{ type: 3, timestamp: 1, data: {} }],
  ...over,
});

function setup(over: Partial<PortHandlerDeps> = {}) {
  const replies: WorkerToRecorder[] = [];
  const stored: Chunk[] = [];
  const invalid: string[] = [];
  let closed = 0;
  const handler = createRecorderPortHandler(
    {
      decide: async () => ({ allowed: true, status: 'recording', site: 'http://localhost:3000', settings }),
      assign: async () => ({ sessionId: SESSION, page: 0 }),
      append: async (c) => void stored.push(c),
      storageOver: async () => null,
      refuse: async () => {},
      countInvalid: (r) => void invalid.push(r),
      log: () => {},
      ...over,
    },
    { reply: (m) => void replies.push(m), close: () => void closed++ },
  );
  return { handler, replies, stored, invalid, closed: () => closed };
}

const hello = { kind: 'hello', pageLoadId: PAGE_LOAD, url: 'http://localhost:3000/' };

describe('createRecorderPortHandler', () => {
  it('grants a session on hello and acknowledges a chunk only after it is stored', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup({ append: async (c) => { await gate; t.stored.push(c); } });
    await t.handler.onMessage(hello);
    expect(t.replies).toEqual([{ kind: 'session', sessionId: SESSION, page: 0, settings }]);
    const pending = t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    await Promise.resolve();
    expect(t.replies).toHaveLength(1);
    release();
    await pending;
    expect(t.stored).toHaveLength(1);
    expect(t.replies[1]).toEqual({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 0 } });
  });

  it('denies a page that may not be recorded', async () => {
    const t = setup({ decide: async () => ({ allowed: false, status: 'off', site: 'http://localhost:3000', reason: 'site not enabled for capture' }) });
    await t.handler.onMessage(hello);
    expect(t.replies).toEqual([{ kind: 'denied', reason: 'site not enabled for capture' }]);
  });

  it('rejects and counts invalid messages, naming what was wrong', async () => {
    const t = setup();
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: { ...chunk(), events: [] } });
    await t.handler.onMessage('garbage');
    expect(t.stored).toHaveLength(0);
    expect(t.invalid).toHaveLength(2);
    expect(t.replies[1]).toMatchObject({ kind: 'rejected', key: { sessionId: SESSION, page: 0, seq: 0 } });
    expect((t.replies[1] as { reason: string }).reason).toMatch(/chunk\.events/);
  });

  it('refuses chunks before hello and chunks for a session the page was not given', async () => {
    const t = setup();
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ sessionId: OTHER }) });
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ page: 1 }) });
    expect(t.stored).toHaveLength(0);
    expect(t.replies.filter((r) => r.kind === 'rejected').map((r) => (r as { reason: string }).reason)).toEqual([
      'chunk before hello',
      'chunk for a session this page was not given',
      'chunk for a session this page was not given',
    ]);
  });

  it('does not acknowledge when storing fails, and closes the port so the recorder resends', async () => {
    const t = setup({ append: async () => { throw new Error('QuotaExceededError'); } });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    expect(t.replies.some((r) => r.kind === 'ack')).toBe(false);
    expect(t.closed()).toBe(1);
  });

  it('treats a resumed hello as a reconnection, not a new page (a full queue does not stop it)', async () => {
    const opening: boolean[] = [];
    const t = setup({ decide: async (_url, o) => (opening.push(o), { allowed: true, status: 'recording', site: 'http://localhost:3000', settings }) });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ ...hello, resumed: true });
    expect(opening).toEqual([true, false]);
  });

  it('after a denial ignores the chunks the recorder had already posted, without counting them invalid', async () => {
    let allowed = true;
    const t = setup({ decide: async () => (allowed ? { allowed: true, status: 'recording', site: 'http://localhost:3000', settings } : { allowed: false, status: 'off', site: 'http://localhost:3000', reason: 'site turned off' }) });
    await t.handler.onMessage(hello);
    allowed = false;
    await t.handler.onMessage({ ...hello, resumed: true });
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    expect(t.replies.at(-1)).toEqual({ kind: 'denied', reason: 'site turned off' });
    expect(t.invalid).toEqual([]);
    expect(t.stored).toEqual([]);
  });

  it('passes the recorder\'s drop report to the queue with the chunk', async () => {
    const got: unknown[] = [];
    const t = setup({ append: async (c, dropped) => void got.push([c.seq, dropped]) });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ seq: 4 }), dropped: [{ fromSeq: 1, toSeq: 2 }] });
    expect(got).toEqual([[4, [{ fromSeq: 1, toSeq: 2 }]]]);
  });

  it('past the storage limit stores nothing more of the page: records the rest as dropped and stops the recorder', async () => {
    const refused: unknown[] = [];
    const t = setup({ storageOver: async () => 'storage full', refuse: async (key, dropped) => void refused.push([key, dropped]) });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ seq: 7 }), dropped: [{ fromSeq: 3, toSeq: 3 }] });
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ seq: 8 }) });
    expect(t.stored).toEqual([]);
    expect(refused).toEqual([[{ sessionId: SESSION, page: 0, seq: 7 }, [{ fromSeq: 3, toSeq: 3 }]]]);
    expect(t.replies.slice(1)).toEqual([{ kind: 'denied', reason: 'storage full' }]);
  });
});

describe('queueLevel', () => {
  it('is full at the cap (new pages wait) and over 10 % past it (recording pages stop)', () => {
    expect(queueLevel(999, 1000)).toBe('ok');
    expect(queueLevel(1000, 1000)).toBe('full');
    expect(queueLevel(1099, 1000)).toBe('full');
    expect(queueLevel(1100, 1000)).toBe('over');
  });
});
