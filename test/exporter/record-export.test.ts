import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFlags } from '../../exporter/cli/flags';
import { generateStore } from '../../exporter/bench/generate-store';
import { runExport, type ExportIo } from '../../exporter/pipeline/run-export';
import { AuditLog } from '../../server/audit/audit-log';
import { auditPaths } from '../../server/audit/audit-paths';
import { verifyAuditLog } from '../../server/audit/verify-audit-log';
import { SessionStore } from '../../server/store/session-store';
import Fastify from 'fastify';

/** An export from a server data dir is recorded in that data dir's audit log. */
let root: string;
let store: string;
const io = (): ExportIo => ({
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  env: { WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes' },
  audit: { clock: () => 1_700_000_000_000, lock: { waitMs: 100 } },
});
const flags = (out: string) => parseFlags(['--data', store, '--out', out, '--no-render', '--quiet'], {});

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'webtrace-export-audit-'));
  store = path.join(root, 'store');
  await generateStore(store, { sessions: 6, stepsPerSession: 5, installs: 3, sites: 2, seed: 3 });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('session.export in the audit log', () => {
  it('names every session exported with its step counts, once per finished export', async () => {
    const { manifest } = await runExport(flags(path.join(root, 'a')), io());
    const log = await AuditLog.open(store);
    const { entries } = await log.entries({ limit: 10 });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const sessions = await SessionStore.open(store, Fastify().log, { readOnly: true }).then((s) => s.listSessions());
    expect(entry).toMatchObject({ action: 'session.export', actor: { role: 'export' }, at: 1_700_000_000_000 });
    // The export id first: it names the lineage record (pseudonym -> install) the store keeps.
    expect(entry!.ids[0]).toBe(manifest.export_id);
    expect([...entry!.ids.slice(1)].sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(entry!.counts).toMatchObject({ installs: manifest.installs.length });
    const total = Object.values(manifest.counts).reduce((n, c) => n + c.steps, 0);
    expect(total).toBeGreaterThan(0);
    expect(entry!.counts).toMatchObject({ sessions: 6, steps: total });
    const perSession = Object.entries(entry!.counts!).filter(([k]) => k.startsWith('steps:'));
    expect(perSession.reduce((n, [, v]) => n + v, 0)).toBe(total);

    // Re-running a finished export reads nothing new and records nothing.
    expect((await runExport(flags(path.join(root, 'a')), io())).alreadyComplete).toBe(true);
    expect((await log.entries({ limit: 10 })).entries).toHaveLength(1);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it('does not finish an export it cannot record', async () => {
    const paths = auditPaths(store);
    await writeFile(paths.lock, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    try {
      const run = runExport(flags(path.join(root, 'b')), { ...io() });
      await expect(run).rejects.toThrow(/audit\.lock is held/);
      expect(existsSync(path.join(root, 'b', 'manifest.json'))).toBe(false);
    } finally {
      await rm(paths.lock, { force: true });
    }
  });
});
