import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstallCredentialStore } from '../../lib/upload/credential-fetch';
import type { HeldCredential } from '../../lib/schema/enrolment';
import { credentialFetch } from '../../lib/upload/credential-fetch';
import { makeBatch, makeChunk, newSessionId } from '../server/fixtures';
import { INGEST_TOKEN, makeTempDir, removeDir } from '../server/harness';
import { ADMIN_TOKEN, makeLifecycleApp } from '../server/lifecycle/lifecycle-harness';

/** The extension's credential fetch against the real server (listening on 127.0.0.1), both on one injected clock. */

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;
const opened: { app: FastifyInstance; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.app.close();
    await removeDir(o.dir);
  }
});

async function setup(opts: { serverFetch?: typeof fetch } = {}) {
  const clock = { now: T0 };
  const dir = await makeTempDir();
  const app = makeLifecycleApp(dir, {
    now: () => clock.now,
    installCredentials: { mode: 'required', graceMs: 2 * HOUR, rotateAfterMs: 10 * HOUR, lifetimeMs: 100 * HOUR },
  });
  opened.push({ app, dir });
  const endpoint = await app.listen({ host: '127.0.0.1', port: 0 });
  let held: HeldCredential | null = null;
  const store: InstallCredentialStore = {
    get: async () => held,
    set: async (c) => void (held = c),
    clear: async () => void (held = null),
  };
  const calls: string[] = [];
  const inner: typeof fetch = async (input, init) => {
    calls.push(new URL(String(input)).pathname);
    return (opts.serverFetch ?? fetch)(input, init);
  };
  const installId = randomUUID();
  const wrapped = credentialFetch({
    fetch: inner,
    now: () => clock.now,
    installId: async () => installId,
    store,
    extensionVersion: '0.1.0',
    log: () => {},
  });
  const upload = () => {
    const batch = makeBatch([makeChunk({ sessionId: newSessionId(), t0: T0 - 60_000 })], { installId, sentAt: T0 - 1000 });
    return wrapped(`${endpoint}/v1/batches`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${INGEST_TOKEN}` },
      body: JSON.stringify(batch),
    });
  };
  const listMine = () =>
    wrapped(`${endpoint}/v1/subjects/${installId}/recordings`, { headers: { Authorization: `Bearer ${INGEST_TOKEN}` } });
  const seen: Headers[] = [];
  const spying = credentialFetch({
    fetch: async (input, init) => (seen.push(new Headers(init?.headers)), inner(input, init)),
    now: () => clock.now,
    installId: async () => installId,
    store,
    extensionVersion: '0.1.0',
    log: () => {},
  });
  return { app, clock, calls, upload, listMine, installId, held: () => held, endpoint, spying, seen };
}

describe('credential fetch (extension) against the server', () => {
  it('enrols before the first upload, then reuses the credential', async () => {
    const s = await setup();
    expect((await s.upload()).status).toBe(200);
    expect((await s.upload()).status).toBe(200);
    expect(s.calls).toEqual(['/v1/installs/enrol', '/v1/batches', '/v1/batches']);
    expect(s.held()?.installId).toBe(s.installId);
  });

  it('rotates once rotateAfter has passed, keeping uploads going', async () => {
    const s = await setup();
    await s.upload();
    const first = s.held()!.credential;
    s.clock.now += 10 * HOUR;
    expect((await s.upload()).status).toBe(200);
    expect(s.calls).toEqual(['/v1/installs/enrol', '/v1/batches', '/v1/installs/rotate', '/v1/batches']);
    expect(s.held()!.credential).not.toBe(first);
  });

  it('revoked by an admin: enrols again and the upload is resent once, accepted', async () => {
    const s = await setup();
    await s.upload();
    const revoke = await s.app.inject({
      method: 'DELETE',
      url: `/v1/admin/installs/${s.installId}/credential`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(revoke.statusCode).toBe(200);
    s.calls.length = 0;
    expect((await s.upload()).status).toBe(200);
    expect(s.calls).toEqual(['/v1/batches', '/v1/installs/enrol', '/v1/batches']);
  });

  it('no credential to be had (enrolment refused): the fetch throws, as a network failure does, so nothing is deleted', async () => {
    const s = await setup();
    await s.upload();
    // Storage lost: the server still holds a live credential for the install, so enrolling again is a 409.
    const lost = credentialFetch({
      fetch,
      now: () => s.clock.now,
      installId: async () => s.installId,
      store: { get: async () => null, set: async () => {}, clear: async () => {} },
      extensionVersion: '0.1.0',
      log: () => {},
    });
    const url = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}/v1/batches`;
    await expect(lost(url, { method: 'POST', headers: { Authorization: `Bearer ${INGEST_TOKEN}` }, body: '{}' })).rejects.toThrow(
      /install_already_enrolled/,
    );
  });

  it('a server without enrolment (404): uploads go with the organisation token alone', async () => {
    const notFound: typeof fetch = async (input, init) =>
      new URL(String(input)).pathname === '/v1/installs/enrol' ? new Response('{}', { status: 404 }) : fetch(input, init);
    const s = await setup({ serverFetch: notFound });
    const res = await s.upload();
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('install_credential_required');
    expect(s.held()).toBeNull();
  });

  it('My data’s list carries the credential (enrolling first); a revoked one is replaced and the list asked again', async () => {
    const s = await setup();
    const first = await s.listMine();
    expect(first.status, await first.clone().text()).toBe(200);
    expect(((await first.json()) as { installId: string }).installId).toBe(s.installId);
    expect(s.calls).toEqual(['/v1/installs/enrol', `/v1/subjects/${s.installId}/recordings`]);
    const revoke = await s.app.inject({
      method: 'DELETE',
      url: `/v1/admin/installs/${s.installId}/credential`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(revoke.statusCode).toBe(200);
    s.calls.length = 0;
    expect((await s.listMine()).status).toBe(200);
    expect(s.calls).toEqual([`/v1/subjects/${s.installId}/recordings`, '/v1/installs/enrol', `/v1/subjects/${s.installId}/recordings`]);
  });

  it('the erasure request and other routes go as they are: no credential added', async () => {
    const s = await setup();
    await s.spying(`${s.endpoint}/v1/subjects/${s.installId}/erase`, { method: 'POST', headers: { Authorization: 'Bearer secret' } });
    await s.spying(`${s.endpoint}/v1/subjects/${s.installId}/recordings/x`, { headers: { Authorization: `Bearer ${INGEST_TOKEN}` } });
    expect(s.seen.map((h) => h.get('webtrace-install-credential'))).toEqual([null, null]);
    expect(s.held()).toBeNull();
  });
});
