import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { AuditLog } from '../../../server/audit/audit-log';
import { tokenHash } from '../../../server/auth/token-hash';
import { TokenRegistry } from '../../../server/auth/token-registry';
import { installErrorHandling } from '../../../server/http/error-handler';
import { createIngestStats } from '../../../server/ingest/ingest-stats';
import { ChunkFactsCache } from '../../../server/read/chunk-facts';
import { readRoutes } from '../../../server/read/read-routes';
import { SessionStore } from '../../../server/store/session-store';
import type { Store } from '../../../server/store/store';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { INGEST_TOKEN, makeApp, makeTempDir, postBatch, READ_TOKEN, removeDir } from '../harness';

/** Reads of a session's events and actions are recorded in the audit log, with the reading token's hash. */
let dir: string;
let store: Store;
let sessionId: string;

beforeEach(async () => {
  dir = await makeTempDir();
  sessionId = newSessionId();
  const ingest = makeApp(dir);
  expect((await postBatch(ingest, makeBatch([makeChunk({ sessionId, actions: ['click', 'type'] })]))).statusCode).toBe(200);
  await ingest.close();
  store = await SessionStore.open(dir, Fastify().log);
});
afterEach(async () => {
  await store.close();
  await removeDir(dir);
});

async function appWith(audit?: (e: AuditEvent) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandling(app, () => undefined);
  const tokens = new TokenRegistry({ ingest: [INGEST_TOKEN], read: [READ_TOKEN] });
  await app.register(readRoutes, { tokens, store, stats: createIngestStats(), facts: new ChunkFactsCache(), audit });
  return app;
}
const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${READ_TOKEN}` } });

describe('session reads in the audit log', () => {
  it('records events (whole and paged) and actions reads, with role read and the token hash, never the token', async () => {
    const log = await AuditLog.open(dir);
    const app = await appWith(log.sink);
    for (const url of [
      `/v1/sessions/${sessionId}/events`,
      `/v1/sessions/${sessionId}/events?offset=1&limit=2`,
      `/v1/sessions/${sessionId}/actions`,
    ])
      expect((await get(app, url)).statusCode, url).toBe(200);
    // A list or a summary is not the session's content; a missing session is not a read.
    await get(app, '/v1/sessions');
    expect((await get(app, `/v1/sessions/${newSessionId()}/events`)).statusCode).toBe(404);
    const { entries } = await log.entries({ limit: 100 });
    expect(entries.map((e) => [e.action, e.actor, e.ids, e.counts])).toEqual([
      ['session.read', { role: 'read', tokenHash: tokenHash(READ_TOKEN) }, [sessionId], undefined],
      ['session.read', { role: 'read', tokenHash: tokenHash(READ_TOKEN) }, [sessionId], { offset: 1, events: 2 }],
      ['session.read', { role: 'read', tokenHash: tokenHash(READ_TOKEN) }, [sessionId], undefined],
    ]);
    expect(JSON.stringify(entries)).not.toContain(READ_TOKEN);
    await app.close();
  });

  it('serves nothing when the read cannot be recorded (503 audit_unavailable)', async () => {
    const app = await appWith(async () => {
      throw new Error('disk full');
    });
    for (const url of [
      `/v1/sessions/${sessionId}/events`,
      `/v1/sessions/${sessionId}/events?limit=5`,
      `/v1/sessions/${sessionId}/actions`,
    ]) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(503);
      expect(res.json().error).toBe('audit_unavailable');
    }
    await app.close();
  });

  it('still serves reads without a sink (existing callers)', async () => {
    const app = await appWith();
    expect((await get(app, `/v1/sessions/${sessionId}/actions`)).json().actions).toHaveLength(2);
    await app.close();
  });
});
