import 'fake-indexeddb/auto';
import { SESSION_A, SESSION_B } from '../support/builders';
import { describe, expect, it } from 'vitest';
import { appendChunk, deleteSession, listLocalSessions, openQueueDb, setAsideBatch, takeBatch } from '../../lib/queue';
import type { Chunk } from '../../lib/schema/chunk';

const S1 = SESSION_A;
const S2 = SESSION_B;
const action = (type: string, t: number) => ({
  type: 5,
  timestamp: t,
  data: { tag: 'webtrace.action', payload: { type, t, url: 'https://a.example/', target: null } },
});
const chunk = (sessionId: string, seq: number, events: Chunk['events'], site = 'https://a.example'): Chunk => ({
  sessionId,
  page: 0,
  seq,
  site,
  url: `${site}/`,
  events,
});

describe('listLocalSessions', () => {
  it('summarises each session on the machine: site, time span, actions by type, size', async () => {
    const db = await openQueueDb(`t-${crypto.randomUUID()}`);
    await appendChunk(db, chunk(S1, 0, [{ type: 4, timestamp: 100, data: {} }, action('click', 150)]));
    await appendChunk(db, chunk(S1, 1, [action('click', 300), action('navigate', 400)]));
    await appendChunk(db, chunk(S2, 0, [{ type: 2, timestamp: 50, data: {} }], 'https://b.example'));
    const sessions = await listLocalSessions(db);
    expect(sessions.map((s) => s.sessionId)).toEqual([S1, S2]);
    expect(sessions[0]).toMatchObject({
      site: 'https://a.example',
      startedAt: 100,
      endedAt: 400,
      actions: 3,
      actionCounts: { click: 2, navigate: 1 },
      chunks: 2,
      state: 'waiting',
    });
    expect(sessions[0]!.bytes).toBeGreaterThan(100);
    await deleteSession(db, S1);
    expect((await listLocalSessions(db)).map((s) => s.sessionId)).toEqual([S2]);
  });

  it('marks a session whose chunks the server rejected', async () => {
    const db = await openQueueDb(`t-${crypto.randomUUID()}`);
    await appendChunk(db, chunk(S1, 0, [action('click', 10)]));
    await setAsideBatch(db, {
      reason: 'invalid_batch',
      status: 400,
      records: await takeBatch(db, { maxBytes: 1e6, maxChunks: 10 }),
      at: 1,
    });
    const [s] = await listLocalSessions(db);
    expect(s).toMatchObject({ sessionId: S1, state: 'rejected' });
  });
});
