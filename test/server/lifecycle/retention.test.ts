import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { DAY_MS } from '../../../server/lifecycle/retention/retention-window';
import type { SweepTimers } from '../../../server/lifecycle/retention/retention-sweeper';
import { makeBatch, makeChunk, newSessionId, SITE } from '../fixtures';
import { getJson, makeTempDir, postBatch, removeDir } from '../harness';
import { makeLifecycleApp } from './lifecycle-harness';

/** Retention with a fake clock and fake timers: nothing waits on real time. */
const T0 = 1_700_000_000_000;
const RETENTION_DAYS = 30;

let dir: string;
let app: FastifyInstance;
let clock: number;
let ticks: (() => void)[];
let audit: AuditEvent[];
/** The sweeps recorded (reads are recorded in the same log). */
const sweeps = () => audit.filter((e) => e.action === 'retention.sweep');
const timers: SweepTimers = {
  setInterval: (fn) => {
    ticks.push(fn);
    return {};
  },
  clearInterval: () => {},
};
const open = (days = RETENTION_DAYS, sites?: Record<string, number>) =>
  makeLifecycleApp(dir, { now: () => clock, retention: { days, sites, timers }, audit: async (e) => void audit.push(e) });

beforeEach(async () => {
  dir = await makeTempDir();
  clock = T0 + 21 * DAY_MS;
  ticks = [];
  audit = [];
  app = open();
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

async function uploadSession(startedAt: number, site?: string): Promise<string> {
  const sessionId = newSessionId();
  const chunk = makeChunk({ sessionId, t0: startedAt });
  const res = await postBatch(app, makeBatch([site ? { ...chunk, site } : chunk]));
  expect(res.statusCode, res.body).toBe(200);
  return sessionId;
}
const onDisk = async () => (await readdir(join(dir, 'sessions'))).sort();
const listed = async () => ((await getJson(app, '/v1/sessions')).json() as { sessions: { id: string }[] }).sessions.map((s) => s.id);

describe('retention', () => {
  it('hides an expired session from the read API at once and the sweeper deletes its files', async () => {
    const old = await uploadSession(T0);
    const recent = await uploadSession(T0 + 20 * DAY_MS);
    expect((await listed()).sort()).toEqual([old, recent].sort());

    clock = T0 + 31 * DAY_MS; // old is past 30 days, recent is not; no sweep has run yet
    expect(await onDisk()).toEqual([old, recent].sort());
    expect(await listed()).toEqual([recent]);
    for (const path of ['', '/events', '/actions', '/outline', '/completeness']) {
      expect((await getJson(app, `/v1/sessions/${old}${path}`)).statusCode, path).toBe(404);
    }
    expect((await getJson(app, `/v1/sessions/${recent}/events`)).statusCode).toBe(200);

    expect(ticks).toHaveLength(1);
    ticks[0]!();
    await waitFor(async () => sweeps().length === 1);
    expect(await onDisk()).toEqual([recent]);
    expect(sweeps()).toEqual([{ action: 'retention.sweep', actor: { role: 'server' }, ids: [old], counts: { sessions: 1, chunks: 1 } }]);
  });

  it('catches up at start-up for a server that was off when sessions expired', async () => {
    const old = await uploadSession(T0);
    const recent = await uploadSession(T0 + 20 * DAY_MS);
    await app.close();

    clock = T0 + 51 * DAY_MS; // both expired while the server was off
    app = open();
    await app.ready();
    // No tick ran: the start-up sweep did it before the first request.
    expect(await onDisk()).toEqual([]);
    expect(await listed()).toEqual([]);
    expect(
      sweeps()
        .flatMap((e) => e.ids)
        .sort(),
    ).toEqual([old, recent].sort());
  });

  it('applies per-site retention over the default, 0 keeping a site until erased', async () => {
    await app.close();
    ticks = [];
    app = open(30, { 'https://crm.example.com': 7, [SITE]: 0 });
    const crm = await uploadSession(T0 + 10 * DAY_MS, 'https://crm.example.com');
    const kept = await uploadSession(T0);
    const wiki = await uploadSession(T0 + 5 * DAY_MS, 'https://wiki.example.com');
    clock = T0 + 21 * DAY_MS; // crm is 11 days old (> 7); the others are within 30
    expect((await listed()).sort()).toEqual([kept, wiki].sort());
    clock = T0 + 400 * DAY_MS; // wiki past the default 30; SITE kept (0)
    expect(await listed()).toEqual([kept]);
    ticks.at(-1)!();
    await waitFor(async () => sweeps().length === 1);
    expect(await onDisk()).toEqual([kept]);
    expect(sweeps()[0]!.ids.sort()).toEqual([crm, wiki].sort());
  });

  it('keeps everything when retention is 0 (the default)', async () => {
    await app.close();
    ticks = [];
    app = open(0);
    const old = await uploadSession(T0);
    clock = T0 + 5000 * DAY_MS;
    expect(await listed()).toEqual([old]);
    expect(ticks).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
