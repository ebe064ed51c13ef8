import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../server/audit/audit-log';
import { LockTimeoutError } from '../../../server/audit/file-lock';
import { verifyAuditLog } from '../../../server/audit/verify-audit-log';
import { makeTempDir, removeDir } from '../harness';

/** Two processes (the server and the exporter) appending to one audit log: the lock file keeps the chain whole. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

function child(who: string, count: number): { proc: ChildProcess; ready: Promise<void>; done: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'append-child.ts'), dir, who, String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${who} exited ${code}`)))),
  );
  const ready = new Promise<void>((resolve) => proc.stdout!.once('data', () => resolve()));
  return { proc, ready, done };
}

describe('audit log across processes', () => {
  it('keeps one whole chain when two other processes and this one append at once', async () => {
    const log = await AuditLog.open(dir);
    const children = [child('p1', 60), child('p2', 60)];
    // Each child opens its log, says ready and waits for the go signal: all three start appending together.
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.proc.stdin!.end('go\n');
    const mine = Array.from({ length: 60 }, (_, i) => log.append({ action: 'session.read', actor: { role: 'read' }, ids: [`me-${i}`] }));
    await Promise.all([...mine, ...children.map((c) => c.done)]);
    const result = await verifyAuditLog(dir);
    expect(result).toMatchObject({ ok: true, entries: 180, firstBad: null });
    const ids = (await log.entries({ limit: 1000 })).entries.map((e) => e.ids[0]!);
    expect(new Set(ids).size).toBe(180);
    // How the three interleave depends on scheduling (appends are grouped), so it is not asserted;
    // without the lock this test fails (the chain forks), which is what it is for.
  }, 30_000);

  it('waits a bounded time for a live holder, then fails naming the lock file and its holder', async () => {
    const log = await AuditLog.open(dir, { lock: { waitMs: 80 } });
    await writeFile(log.paths.lock, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    const err = await log.append({ action: 'session.read', actor: { role: 'read' }, ids: ['s'] }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as Error).message).toContain(log.paths.lock);
    expect((err as Error).message).toContain(`process ${process.pid}`);
  });

  it('breaks a lock whose holder died, and one older than the stale limit', async () => {
    const log = await AuditLog.open(dir, { lock: { waitMs: 1000 } });
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(log.paths.lock, JSON.stringify({ pid: dead.pid, host: hostname(), at: Date.now() }));
    await expect(log.append({ action: 'session.read', actor: { role: 'read' }, ids: ['a'] })).resolves.toMatchObject({ seq: 0 });
    await writeFile(log.paths.lock, JSON.stringify({ pid: process.pid, host: 'elsewhere', at: Date.now() - 120_000 }));
    await expect(log.append({ action: 'session.read', actor: { role: 'read' }, ids: ['b'] })).resolves.toMatchObject({ seq: 1 });
  });
});
