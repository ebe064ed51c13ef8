import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../lib/schema/batch';
import type { Role } from '../../../server/auth/roles';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { INGEST_TOKEN, makeTempDir, postBatch, READ_TOKEN, removeDir } from '../harness';
import { ADMIN_TOKEN, EXPORT_TOKEN, makeLifecycleApp, makeReceipt } from '../lifecycle/lifecycle-harness';

/**
 * Every token-checked route x every role: refused (401, naming the role it
 * needs) where the role does not belong, accepted (2xx) where it does.
 */
const TOKENS: Record<Role, string> = { ingest: INGEST_TOKEN, read: READ_TOKEN, export: EXPORT_TOKEN, admin: ADMIN_TOKEN };
const ROLE_WORDS: Record<Role, string> = { ingest: 'an ingest', read: 'a read', export: 'an export', admin: 'an admin' };

interface RouteCase {
  name: string;
  needs: Role;
  send: (app: FastifyInstance, token: string) => Promise<LightMyRequestResponse>;
}

let dir: string;
let app: FastifyInstance;
let sessionId: string;
const get = (url: string) => (a: FastifyInstance, token: string) => a.inject({ url, headers: { authorization: `Bearer ${token}` } });

const ROUTES: RouteCase[] = [
  {
    name: 'POST /v1/batches',
    needs: 'ingest',
    send: (a, t) => postBatch(a, makeBatch([makeChunk({ sessionId: newSessionId() })]), { token: t }),
  },
  {
    name: 'POST /v1/consent-receipts',
    needs: 'ingest',
    send: (a, t) =>
      a.inject({
        method: 'POST',
        url: '/v1/consent-receipts',
        headers: { authorization: `Bearer ${t}` },
        payload: makeReceipt(randomUUID()),
      }),
  },
  { name: 'GET /v1/sessions', needs: 'read', send: get('/v1/sessions') },
  { name: 'GET /v1/sites', needs: 'read', send: get('/v1/sites') },
  { name: 'GET /v1/stats', needs: 'read', send: get('/v1/stats') },
  { name: 'GET /v1/sessions/:id', needs: 'read', send: (a, t) => get(`/v1/sessions/${sessionId}`)(a, t) },
  { name: 'GET /v1/sessions/:id/events', needs: 'read', send: (a, t) => get(`/v1/sessions/${sessionId}/events`)(a, t) },
  { name: 'GET /v1/sessions/:id/actions', needs: 'read', send: (a, t) => get(`/v1/sessions/${sessionId}/actions`)(a, t) },
  { name: 'GET /v1/sessions/:id/outline', needs: 'read', send: (a, t) => get(`/v1/sessions/${sessionId}/outline`)(a, t) },
  { name: 'GET /v1/sessions/:id/completeness', needs: 'read', send: (a, t) => get(`/v1/sessions/${sessionId}/completeness`)(a, t) },
  {
    name: 'GET /v1/admin/consent-receipts',
    needs: 'admin',
    send: (a, t) => get(`/v1/admin/consent-receipts?installId=${randomUUID()}`)(a, t),
  },
  { name: 'GET /v1/admin/exports', needs: 'admin', send: get('/v1/admin/exports') },
  {
    name: 'DELETE /v1/subjects/:installId',
    needs: 'admin',
    send: (a, t) => a.inject({ method: 'DELETE', url: `/v1/subjects/${randomUUID()}`, headers: { authorization: `Bearer ${t}` } }),
  },
];

beforeAll(async () => {
  dir = await makeTempDir();
  app = makeLifecycleApp(dir);
  sessionId = newSessionId();
  expect((await postBatch(app, makeBatch([makeChunk({ sessionId })]))).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await removeDir(dir);
});

describe('roles x routes', () => {
  for (const route of ROUTES) {
    for (const role of Object.keys(TOKENS) as Role[]) {
      const allowed = role === route.needs;
      it(`${route.name} with ${ROLE_WORDS[role]} token: ${allowed ? 'accepted' : 'refused'}`, async () => {
        const res = await route.send(app, TOKENS[role]);
        if (allowed) {
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, res.body).toBeLessThan(300);
        } else {
          expect(res.statusCode, res.body).toBe(401);
          expect(errorBodySchema.parse(res.json()).message).toBe(
            `this endpoint needs ${ROLE_WORDS[route.needs]} token, not ${ROLE_WORDS[role]} token`,
          );
        }
      });
    }
  }

  it('refuses every route without a token, naming the role it needs', async () => {
    for (const route of ROUTES) {
      const res = await route.send(app, 'no-such-token-0000000000000');
      expect(res.statusCode, route.name).toBe(401);
      expect(res.json().message, route.name).toContain(`needs ${ROLE_WORDS[route.needs]} token`);
    }
  });

  it('accepts every token of a role during a rotation (old and new)', async () => {
    const own = await makeTempDir();
    const rotating = makeLifecycleApp(own, { adminTokens: ['admin-old-token-0123456789', 'admin-new-token-0123456789'] });
    try {
      for (const token of ['admin-old-token-0123456789', 'admin-new-token-0123456789']) {
        const res = await rotating.inject({
          url: `/v1/admin/consent-receipts?installId=${randomUUID()}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.statusCode, token).toBe(200);
      }
    } finally {
      await rotating.close();
      await removeDir(own);
    }
  });
});
