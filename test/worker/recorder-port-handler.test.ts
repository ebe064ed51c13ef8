import { buildChunk, OTHER_SESSION, PAGE_LOAD_ID, SESSION_A } from '../support/builders';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../lib/schema/chunk';
import type { WorkerToRecorder } from '../../lib/schema/recorder-port';
import { createRecorderPortHandler, type PortHandlerDeps } from '../../lib/worker/recorder-port-handler';

const SESSION = SESSION_A;
const TAB_RUN = '7d1f3c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const OTHER = OTHER_SESSION;
const PAGE_LOAD = PAGE_LOAD_ID;
const settings = { maskAllText: false, blockSelector: null, maskTextSelector: null };
const chunk = (over: Partial<Chunk> = {}): Chunk => buildChunk({ events: [{ type: 3, timestamp: 1, data: {} }], ...over });

function setup(over: Partial<PortHandlerDeps> = {}) {
  const replies: WorkerToRecorder[] = [];
  const stored: Chunk[] = [];
  const invalid: string[] = [];
  const unstorable: Array<{ seq: number; dropped: unknown }> = [];
  let closed = 0;
  const handler = createRecorderPortHandler(
    {
      decide: async () => ({ allowed: true, status: 'recording', site: 'http://localhost:3000', settings }),
      assign: async () => ({ sessionId: SESSION, page: 0, tabRunId: TAB_RUN }),
      append: async (c) => void stored.push(c),
      storageOver: async () => null,
      refuse: async () => {},
      dropUnstorable: async (key, dropped) => void unstorable.push({ seq: key.seq, dropped }),
      failures: new Map(),
      countInvalid: (r) => void invalid.push(r),
      log: () => {},
      ...over,
    },
    { reply: (m) => void replies.push(m), close: () => void closed++ },
  );
  return { handler, replies, stored, invalid, unstorable, closed: () => closed };
}

const hello = { kind: 'hello', pageLoadId: PAGE_LOAD, url: 'http://localhost:3000/' };

describe('createRecorderPortHandler', () => {
  it('grants a session on hello and acknowledges a chunk only after it is stored', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup({
      append: async (c) => {
        await gate;
        t.stored.push(c);
      },
    });
    await t.handler.onMessage(hello);
    expect(t.replies).toEqual([{ kind: 'session', sessionId: SESSION, page: 0, tabRunId: TAB_RUN, settings }]);
    const pending = t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    await Promise.resolve();
    expect(t.replies).toHaveLength(1);
    release();
    await pending;
    expect(t.stored).toHaveLength(1);
    expect(t.replies[1]).toEqual({ kind: 'ack', key: { sessionId: SESSION, page: 0, seq: 0 } });
  });

  it('stores a chunk under the tab run the worker assigned, whatever run the page names', async () => {
    const t = setup();
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ seq: 1, tabRunId: '00000000-0000-4000-8000-000000000001' }) });
    expect(t.stored.map((c) => c.tabRunId)).toEqual([TAB_RUN, TAB_RUN]);
  });

  it('denies a page that may not be recorded', async () => {
    const t = setup({
      decide: async () => ({ allowed: false, status: 'off', site: 'http://localhost:3000', reason: 'site not enabled for capture' }),
    });
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
    const t = setup({
      append: async () => {
        throw new Error('QuotaExceededError');
      },
    });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    expect(t.replies.some((r) => r.kind === 'ack')).toBe(false);
    expect(t.closed()).toBe(1);
  });

  it('treats a resumed hello as a reconnection, not a new page (a full queue does not stop it)', async () => {
    const opening: boolean[] = [];
    const t = setup({
      decide: async (_url, o) => (opening.push(o), { allowed: true, status: 'recording', site: 'http://localhost:3000', settings }),
    });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ ...hello, resumed: true });
    expect(opening).toEqual([true, false]);
  });

  it('after a denial ignores the chunks the recorder had already posted, without counting them invalid', async () => {
    let allowed = true;
    const t = setup({
      decide: async () =>
        allowed
          ? { allowed: true, status: 'recording', site: 'http://localhost:3000', settings }
          : { allowed: false, status: 'off', site: 'http://localhost:3000', reason: 'site turned off' },
    });
    await t.handler.onMessage(hello);
    allowed = false;
    await t.handler.onMessage({ ...hello, resumed: true });
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk() });
    expect(t.replies.at(-1)).toEqual({ kind: 'denied', reason: 'site turned off' });
    expect(t.invalid).toEqual([]);
    expect(t.stored).toEqual([]);
  });

  it("passes the recorder's drop report to the queue with the chunk", async () => {
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

describe('recorder port handler, unstorable chunks', () => {
  it('turns a chunk IndexedDB cannot store into a reported drop, instead of a reconnect loop', async () => {
    const tooDeep = Object.assign(new Error("Failed to execute 'add' on 'IDBObjectStore': Maximum call stack size exceeded"), {
      name: 'RangeError',
    });
    const t = setup({
      append: async () => {
        throw tooDeep;
      },
    });
    await t.handler.onMessage(hello);
    await t.handler.onMessage({ kind: 'chunk', chunk: chunk({ seq: 4 }), dropped: [{ fromSeq: 1, toSeq: 2 }] });
    expect(t.closed()).toBe(0);
    expect(t.unstorable).toEqual([{ seq: 4, dropped: [{ fromSeq: 1, toSeq: 2 }] }]);
    expect(t.replies[1]).toEqual({
      kind: 'rejected',
      key: { sessionId: SESSION, page: 0, seq: 4 },
      reason: expect.stringMatching(/^could not be stored: RangeError/),
    });
    expect(t.invalid).toHaveLength(1);
  });

  it('retries other storage errors by reconnecting, a few times, then drops and reports the chunk', async () => {
    const failures = new Map<string, number>();
    const flaky = Object.assign(new Error('the database connection is closing'), { name: 'InvalidStateError' });
    const closes: number[] = [];
    let last!: ReturnType<typeof setup>;
    // Each reconnection is a new port and handler; the count of failures is shared.
    for (let attempt = 1; attempt <= 3; attempt++) {
      last = setup({
        failures,
        append: async () => {
          throw flaky;
        },
      });
      await last.handler.onMessage(hello);
      await last.handler.onMessage({ kind: 'chunk', chunk: chunk() });
      closes.push(last.closed());
    }
    expect(closes).toEqual([1, 1, 0]);
    expect(last.unstorable).toEqual([{ seq: 0, dropped: [] }]);
    expect(last.replies.at(-1)).toMatchObject({ kind: 'rejected' });
  });

  it('cuts a chunk nested deeper than recordings keep before storing it, and marks the cut', async () => {
    let node: Record<string, unknown> = { type: 3, id: 9999, textContent: 'x' };
    for (let i = 0; i < 1000; i++) node = { type: 2, id: i + 10, tagName: 'div', attributes: {}, childNodes: [node] };
    const t = setup();
    await t.handler.onMessage(hello);
    await t.handler.onMessage({
      kind: 'chunk',
      chunk: chunk({ events: [{ type: 2, timestamp: 1, data: { node, initialOffset: { top: 0, left: 0 } } }] }),
    });
    expect(t.replies[1]).toMatchObject({ kind: 'ack' });
    expect(t.stored[0]!.events).toHaveLength(2);
    expect(t.stored[0]!.events[1]).toMatchObject({ type: 5, data: { tag: 'webtrace.depth-cut', payload: { placeholders: 1 } } });
  });
});
