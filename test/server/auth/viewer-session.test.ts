import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { viewerSessionSchema } from '../../../lib/schema/read-api';
import { tokenHash } from '../../../server/auth/token-hash';
import { requireRole } from '../../../server/auth/require-role';
import { SESSION_TTL_MS, SessionCookies, sessionSetCookie } from '../../../server/auth/session-cookie';
import { SESSION_KEY_FILE } from '../../../server/auth/session-key';
import { TokenRegistry } from '../../../server/auth/token-registry';
import { installErrorHandling } from '../../../server/http/error-handler';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { INGEST_TOKEN, makeApp, makeTempDir, postBatch, READ_TOKEN, removeDir } from '../harness';

/** The viewer's sign-in (issue 19): a read token once, then a session cookie that never carries it. */
let dir: string;
let clock: number;
let audit: AuditEvent[];
const apps: FastifyInstance[] = [];

beforeEach(async () => {
  dir = await makeTempDir();
  clock = Date.parse('2026-03-02T09:00:00Z');
  audit = [];
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await removeDir(dir);
});

/** The whole server on `dir`, with a clock the test moves and the audit entries collected. */
function serverWith(readTokens = [READ_TOKEN]): FastifyInstance {
  const app = makeApp(dir, {
    readTokens,
    now: () => clock,
    audit: async (e) => {
      audit.push(e);
    },
  });
  apps.push(app);
  return app;
}

async function signIn(app: FastifyInstance, token = READ_TOKEN) {
  return app.inject({ method: 'POST', url: '/v1/viewer/session', headers: { authorization: `Bearer ${token}` } });
}

/** The cookie pair a browser would send back, from a Set-Cookie header. */
function cookieOf(res: { headers: Record<string, unknown> }): string {
  const header = String(res.headers['set-cookie']);
  return header.split(';')[0]!;
}

const getWith = (app: FastifyInstance, url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('signing in to the viewer', () => {
  it('sets an HttpOnly, SameSite=Strict, Path=/ cookie with an expiry that holds no token, and reads accept it', async () => {
    const app = serverWith();
    const res = await signIn(app);
    expect(res.statusCode).toBe(200);
    expect(viewerSessionSchema.parse(res.json())).toEqual({ signedIn: true, expiresAt: new Date(clock + SESSION_TTL_MS).toISOString() });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^webtrace_viewer=[A-Za-z0-9_.-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const value = cookieOf(res).split('=')[1]!;
    const decoded = Buffer.from(value.split('.')[0]!, 'base64url').toString('utf8');
    expect(value).not.toContain(READ_TOKEN);
    expect(decoded).not.toContain(READ_TOKEN);

    expect((await getWith(app, '/v1/sessions', cookieOf(res))).statusCode).toBe(200);
    expect((await getWith(app, '/v1/viewer/session', cookieOf(res))).json()).toEqual(res.json());
  });

  it('records reads made with the cookie under the read role and the token hash', async () => {
    const app = serverWith();
    const sessionId = newSessionId();
    expect((await postBatch(app, makeBatch([makeChunk({ sessionId, actions: ['click'] })]))).statusCode).toBe(200);
    const cookie = cookieOf(await signIn(app));
    expect((await getWith(app, `/v1/sessions/${sessionId}/actions`, cookie)).statusCode).toBe(200);
    expect((await getWith(app, `/v1/sessions/${sessionId}/completeness`, cookie)).statusCode).toBe(200);
    const reads = audit.filter((e) => e.action === 'session.read');
    expect(reads).toEqual([{ action: 'session.read', actor: { role: 'read', tokenHash: tokenHash(READ_TOKEN) }, ids: [sessionId] }]);
  });

  it('refuses other roles tokens and no token, setting no cookie', async () => {
    const app = serverWith();
    for (const res of [await signIn(app, INGEST_TOKEN), await app.inject({ method: 'POST', url: '/v1/viewer/session' })]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('keeps sessions across a restart: the key is made once, in the data dir, readable by its owner only', async () => {
    const app = serverWith();
    // Made at the first sign-in, not at start: a server nobody signs in to writes no key.
    expect((await app.inject({ method: 'GET', url: '/v1/sessions', headers: { authorization: `Bearer ${READ_TOKEN}` } })).statusCode).toBe(
      200,
    );
    await expect(stat(join(dir, SESSION_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    const cookie = cookieOf(await signIn(app));
    const key = await readFile(join(dir, SESSION_KEY_FILE), 'utf8');
    expect((await stat(join(dir, SESSION_KEY_FILE))).mode & 0o777).toBe(0o600);
    await apps.shift()!.close();
    expect((await getWith(serverWith(), '/v1/sessions', cookie)).statusCode).toBe(200);
    expect(await readFile(join(dir, SESSION_KEY_FILE), 'utf8')).toBe(key);
  });

  it('signs out: the cookie is cleared', async () => {
    const app = serverWith();
    const res = await app.inject({ method: 'DELETE', url: '/v1/viewer/session' });
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toBe('webtrace_viewer=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    // What a browser has left after that (an empty cookie) is no session: asked to sign in, not told it is forged.
    const after = await getWith(app, '/v1/sessions', 'webtrace_viewer=');
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/^missing "Authorization: Bearer <token>"/);
  });

  it('records the sign-in and the sign-out in the audit log by role and token hash; a cookie it never signed signs out unrecorded', async () => {
    const app = serverWith();
    const cookie = cookieOf(await signIn(app));
    const out = await app.inject({ method: 'DELETE', url: '/v1/viewer/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const forged = await app.inject({ method: 'DELETE', url: '/v1/viewer/session', headers: { cookie: 'webtrace_viewer=forged.x' } });
    expect(forged.statusCode).toBe(204);
    const actor = { role: 'read', tokenHash: tokenHash(READ_TOKEN) };
    expect(audit).toEqual([
      { action: 'viewer.sign-in', actor, ids: [] },
      { action: 'viewer.sign-out', actor, ids: [] },
    ]);
  });

  it('refuses a sign-in the audit log cannot record (503, no cookie), and signs out all the same when it cannot', async () => {
    let failing = false;
    const app = makeApp(dir, {
      readTokens: [READ_TOKEN],
      now: () => clock,
      audit: async (e) => {
        if (failing) throw new Error('disk full');
        audit.push(e);
      },
    });
    apps.push(app);
    const cookie = cookieOf(await signIn(app));
    failing = true;
    const refused = await signIn(app);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toBe('audit_unavailable');
    expect(refused.headers['set-cookie']).toBeUndefined();
    const out = await app.inject({ method: 'DELETE', url: '/v1/viewer/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.headers['set-cookie']).toMatch(/^webtrace_viewer=; Path=\/; Max-Age=0;/);
  });

  it('marks the cookie Secure when the request came over https', () => {
    expect(sessionSetCookie('v.x', SESSION_TTL_MS, true)).toMatch(/; Secure$/);
    expect(sessionSetCookie('v.x', SESSION_TTL_MS, false)).not.toMatch(/Secure/);
  });
});

describe('a session cookie the server does not honour is a clear 401 that clears it', () => {
  async function refused(app: FastifyInstance, cookie: string, message: RegExp) {
    const res = await getWith(app, '/v1/sessions', cookie);
    expect(res.statusCode, cookie).toBe(401);
    expect(res.json(), cookie).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
    expect(res.headers['set-cookie']).toMatch(/^webtrace_viewer=; Path=\/; Max-Age=0;/);
  }

  it('forged: a changed payload, a changed signature, another server key, or garbage', async () => {
    const app = serverWith();
    const [name, value] = cookieOf(await signIn(app)).split('=') as [string, string];
    const [body, mac] = value.split('.') as [string, string];
    const longer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), exp: clock + 1e12 }));
    await refused(app, `${name}=${longer.toString('base64url')}.${mac}`, /not one this server issued/);
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    await refused(app, `${name}=${body}.${flipped}`, /not one this server issued/);
    const otherKey = (await new SessionCookies({ key: Buffer.alloc(32, 7), now: () => clock }).issue(READ_TOKEN)).value;
    await refused(app, `${name}=${otherKey}`, /not one this server issued/);
    for (const junk of ['x', `${body}.`, '%%%', 'a.b.c', `${'A'.repeat(600)}.${mac}`])
      await refused(app, `${name}=${junk}`, /not one this server issued/);
  });

  it('expired: twelve hours after signing in', async () => {
    const app = serverWith();
    const cookie = cookieOf(await signIn(app));
    clock += SESSION_TTL_MS - 1;
    expect((await getWith(app, '/v1/sessions', cookie)).statusCode).toBe(200);
    clock += 1;
    await refused(app, cookie, /^the viewer session has expired; sign in again$/);
  });

  it('rotated: its read token is no longer configured, though the signature is good', async () => {
    const cookie = cookieOf(await signIn(serverWith()));
    await apps.shift()!.close();
    await refused(
      serverWith(['another-read-token-0123456']),
      cookie,
      /^the read token this session was signed in with is no longer configured/,
    );
  });

  it('a bearer token still wins over a bad cookie', async () => {
    const app = serverWith();
    const res = await app.inject({
      method: 'GET',
      url: '/v1/sessions',
      headers: { cookie: 'webtrace_viewer=x', authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('the cookie stands in for a read token on GET only', () => {
  it('is refused for any other method, and never for another role', async () => {
    const sessions = new SessionCookies({ key: Buffer.alloc(32, 1), now: () => clock });
    const tokens = new TokenRegistry({ ingest: [INGEST_TOKEN], read: [READ_TOKEN] });
    const app = Fastify();
    apps.push(app);
    installErrorHandling(app, () => undefined);
    app.route({
      method: ['GET', 'POST', 'DELETE'],
      url: '/read',
      onRequest: requireRole(tokens, 'read', sessions),
      handler: async () => ({ ok: true }),
    });
    app.post('/ingest', { onRequest: requireRole(tokens, 'ingest', sessions) }, async () => ({ ok: true }));
    const cookie = `webtrace_viewer=${(await sessions.issue(READ_TOKEN)).value}`;
    expect((await app.inject({ method: 'GET', url: '/read', headers: { cookie } })).statusCode).toBe(200);
    for (const method of ['POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/read', headers: { cookie } });
      expect(res.statusCode, method).toBe(401);
      expect(res.json().message).toBe(
        `the viewer session cookie is accepted for GET only; send "Authorization: Bearer <token>" for ${method}`,
      );
    }
    const ingest = await app.inject({ method: 'POST', url: '/ingest', headers: { cookie } });
    expect(ingest.statusCode).toBe(401);
    expect(ingest.json().message).toMatch(/^missing "Authorization: Bearer <token>"; this endpoint needs an ingest token/);
  });
});
