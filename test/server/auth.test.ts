import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, INGEST_TOKEN, makeApp, postBatch, READ_TOKEN, useTempApp } from './harness';

const env = useTempApp();

const validBatch = () => makeBatch([makeChunk({ sessionId: newSessionId() })]);

describe('auth', () => {
  it('rejects uploads without a token, with a wrong token, or with a read token', async () => {
    for (const token of [null, 'not-a-real-token-xxxxxxxx', READ_TOKEN]) {
      const res = await postBatch(env.app, validBatch(), { token });
      expect(res.statusCode, String(token)).toBe(401);
      const body = errorBodySchema.parse(res.json());
      expect(body.error).toBe('unauthorized');
      expect(body.message).toMatch(/ingest token/);
    }
    const ok = await postBatch(env.app, validBatch());
    expect(ok.statusCode).toBe(200);
  });

  it('rejects reads without a token, with a wrong token, or with an ingest token', async () => {
    for (const url of ['/v1/sessions', `/v1/sessions/${newSessionId()}/events`, '/v1/stats']) {
      for (const token of [null, 'Bearer-but-wrong-0123456789', INGEST_TOKEN]) {
        const res = await getJson(env.app, url, token);
        expect(res.statusCode, `${url} ${token}`).toBe(401);
        expect(errorBodySchema.parse(res.json()).message).toMatch(/read token/);
      }
    }
    expect((await getJson(env.app, '/v1/sessions')).statusCode).toBe(200);
  });

  it('names the token kind needed when the other kind is used', async () => {
    const res = await getJson(env.app, '/v1/sessions', INGEST_TOKEN);
    expect(res.json().message).toBe('this endpoint needs a read token, not an ingest token');
  });

  it('rejects a non-Bearer scheme and a token that only shares a prefix', async () => {
    const basic = await env.app.inject({ url: '/v1/sessions', headers: { authorization: `Basic ${READ_TOKEN}` } });
    expect(basic.statusCode).toBe(401);
    expect((await getJson(env.app, '/v1/sessions', READ_TOKEN.slice(0, -1))).statusCode).toBe(401);
    expect((await getJson(env.app, '/v1/sessions', `${READ_TOKEN}x`)).statusCode).toBe(401);
  });

  it('serves /healthz without a token', async () => {
    const res = await env.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('counts unauthorized uploads in the stats', async () => {
    await postBatch(env.app, validBatch(), { token: null });
    const stats = (await getJson(env.app, '/v1/stats')).json();
    expect(stats.rejected).toEqual({ unauthorized: 1 });
  });

  it('never writes tokens or bodies to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logged = makeApp(env.dir, { logger: { level: 'trace', stream } });
    const batch = validBatch();
    await postBatch(logged, batch, { identity: true });
    await postBatch(logged, batch, { token: 'wrong-token-that-is-long-enough' });
    await getJson(logged, '/v1/sessions');
    await logged.close();
    const log = lines.join('');
    expect(log).toContain('batch stored');
    for (const secret of [INGEST_TOKEN, READ_TOKEN, 'wrong-token-that-is-long-enough', batch.installId]) {
      expect(log).not.toContain(secret);
    }
  });
});
