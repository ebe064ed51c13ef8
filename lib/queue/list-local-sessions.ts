import type { LocalSession } from '../schema/local-sessions';
import { actionFromEvent } from '../schema/rrweb-event';
import type { QueueDb } from './open-queue-db';
import { queuedChunkSchema } from './records';
import { countShotsBySession } from './shots';

/**
 * Summarises the recordings still on this machine, one chunk at a time (a
 * cursor, never the whole queue in memory). Sessions with chunks the server
 * rejected are listed as 'rejected'.
 */
export async function listLocalSessions(db: QueueDb): Promise<LocalSession[]> {
  const sessions = new Map<string, LocalSession>();
  const touch = (sessionId: string, site: string): LocalSession => {
    let s = sessions.get(sessionId);
    if (!s) {
      s = { sessionId, site, startedAt: Infinity, endedAt: -Infinity, actions: 0, actionCounts: {}, bytes: 0, chunks: 0, state: 'waiting' };
      sessions.set(sessionId, s);
    }
    return s;
  };

  let cursor = await db.transaction('chunks').store.openCursor();
  while (cursor) {
    const parsed = queuedChunkSchema.safeParse(cursor.value);
    if (parsed.success) {
      const record = parsed.data;
      const s = touch(record.sessionId, record.site);
      s.bytes += record.bytes;
      s.chunks += 1;
      for (const event of record.chunk.events) {
        s.startedAt = Math.min(s.startedAt, event.timestamp);
        s.endedAt = Math.max(s.endedAt, event.timestamp);
        const action = actionFromEvent(event);
        if (action) {
          s.actions += 1;
          s.actionCounts[action.type] = (s.actionCounts[action.type] ?? 0) + 1;
        }
      }
    }
    cursor = await cursor.continue();
  }

  let aside = await db.transaction('setAside').store.openCursor();
  while (aside) {
    for (const key of aside.value.chunkKeys ?? []) {
      const s = touch(key.sessionId, sessions.get(key.sessionId)?.site ?? 'unknown');
      s.state = 'rejected';
      s.chunks += 1;
    }
    aside = await aside.continue();
  }

  for (const [sessionId, shots] of await countShotsBySession(db)) {
    touch(sessionId, sessions.get(sessionId)?.site ?? 'unknown').shots = shots;
  }

  return [...sessions.values()]
    .map((s) => (Number.isFinite(s.startedAt) ? s : { ...s, startedAt: 0, endedAt: 0 }))
    .sort((a, b) => b.startedAt - a.startedAt);
}
