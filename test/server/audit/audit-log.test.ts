import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { AuditLog, AuditLogCorruptError, type TornTail } from '../../../server/audit/audit-log';
import { entryHash, GENESIS_HASH } from '../../../server/audit/entry-hash';
import { verifyAuditLog } from '../../../server/audit/verify-audit-log';
import { makeTempDir, removeDir } from '../harness';

/** The audit log file: chaining, serialised appends, queries and what a crash tears. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const read = (sessionId: string): AuditEvent => ({
  action: 'session.read',
  actor: { role: 'read', tokenHash: 'abcd1234' },
  ids: [sessionId],
});
const lines = async (log: AuditLog) => (await readFile(log.paths.log, 'utf8')).split('\n').filter(Boolean);

describe('AuditLog', () => {
  it('chains each entry to the one before, stamped by the injected clock', async () => {
    let now = 1_000;
    const log = await AuditLog.open(dir, { clock: () => (now += 10) });
    const a = await log.append(read('s1'));
    const b = await log.append({ action: 'session.export', actor: { role: 'export' }, ids: ['s1', 's2'], counts: { steps: 7 } });
    expect(a).toMatchObject({ seq: 0, at: 1_010, prev: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 1, at: 1_020, prev: a.hash, counts: { steps: 7 } });
    expect(b.hash).toBe(entryHash(b));
    expect((await lines(log)).map((l) => JSON.parse(l).seq)).toEqual([0, 1]);
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: true, entries: 2, head: { seq: 1, hash: b.hash }, firstBad: null });
  });

  it('refuses an event that is not one (content instead of ids), naming the field', async () => {
    const log = await AuditLog.open(dir);
    await expect(log.append({ action: 'session.read', actor: { role: 'read', tokenHash: 'the-token' }, ids: [] })).rejects.toThrow(
      /actor\.tokenHash/,
    );
    await expect(readFile(log.paths.log)).rejects.toThrow(/ENOENT/);
  });

  it('serialises appends made at once: every seq once, the chain whole', async () => {
    const log = await AuditLog.open(dir);
    const entries = await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(read(`s${i}`))));
    expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: true, entries: 40 });
  });

  it('answers queries by time, with a limit and a seq to page on from', async () => {
    let now = 0;
    const log = await AuditLog.open(dir, { clock: () => (now += 100) });
    for (let i = 0; i < 10; i++) await log.append(read(`s${i}`)); // at 100..1000
    const first = await log.entries({ from: 300, to: 900, limit: 4 });
    expect(first.entries.map((e) => e.at)).toEqual([300, 400, 500, 600]);
    expect(first.next).toBe(5);
    const second = await log.entries({ from: 300, to: 900, limit: 4, afterSeq: first.next! });
    expect(second).toEqual({ entries: expect.any(Array), next: null });
    expect(second.entries.map((e) => e.at)).toEqual([700, 800]);
  });

  it('sets a torn last line aside, reports it, and chains the next entry to the last whole one', async () => {
    const torn: TornTail[] = [];
    const log = await AuditLog.open(dir, { onTorn: (t) => torn.push(t) });
    await log.append(read('a'));
    const whole = await log.append(read('b'));
    await appendFile(log.paths.log, '{"seq":2,"at":5,"action":"session.re');
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: false, firstBad: { seq: 2, line: 3, problem: 'torn' } });

    const next = await log.append(read('c'));
    expect(next).toMatchObject({ seq: 2, prev: whole.hash });
    expect(torn).toEqual([{ file: expect.stringMatching(/torn-\d+-\d+\.jsonl$/), bytes: 36, offset: expect.any(Number) }]);
    expect(await readFile(torn[0]!.file, 'utf8')).toBe('{"seq":2,"at":5,"action":"session.re');
    const result = await verifyAuditLog(dir);
    expect(result).toMatchObject({ ok: true, entries: 3 });
    expect(result.setAside).toEqual([(await readdir(log.paths.dir)).find((n) => n.startsWith('torn-'))]);
  });

  it('refuses to chain onto a whole last line that is not an entry', async () => {
    const log = await AuditLog.open(dir);
    await log.append(read('a'));
    await appendFile(log.paths.log, 'not json\n');
    await expect(log.append(read('b'))).rejects.toBeInstanceOf(AuditLogCorruptError);
  });
});

describe('verifyAuditLog', () => {
  async function logOf(n: number): Promise<string[]> {
    const log = await AuditLog.open(dir, { clock: () => 1 });
    for (let i = 0; i < n; i++) await log.append(read(`s${i}`));
    return lines(log);
  }
  const rewrite = (entries: string[]) => writeFile(`${dir}/audit/audit.jsonl`, entries.map((l) => `${l}\n`).join(''));

  it('passes an empty data dir', async () => {
    expect(await verifyAuditLog(dir)).toEqual({ ok: true, entries: 0, head: null, firstBad: null, setAside: [] });
  });

  it('names a removed entry: the first one after the gap, by seq and line', async () => {
    const all = await logOf(5);
    await rewrite([...all.slice(0, 2), ...all.slice(3)]);
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({
      seq: 3,
      line: 3,
      problem: 'seq',
      message: expect.stringMatching(/2\.\.2 are missing/),
    });
  });

  it('names a removed first entry', async () => {
    const all = await logOf(3);
    await rewrite(all.slice(1));
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 1, line: 1, problem: 'seq' });
  });

  it('names entries removed from the end, by the head', async () => {
    const all = await logOf(4);
    await rewrite(all.slice(0, 2));
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 2, line: 3, problem: 'head' });
  });

  it('names an edited entry', async () => {
    const all = await logOf(4);
    const edited = JSON.parse(all[2]!);
    edited.ids = ['someone-else'];
    await rewrite([all[0]!, all[1]!, JSON.stringify(edited), all[3]!]);
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 2, line: 3, problem: 'hash' });
  });

  it('names the entry after one edited with its hash recomputed', async () => {
    const all = await logOf(4);
    const edited = JSON.parse(all[1]!);
    edited.actor = { role: 'admin' };
    edited.hash = entryHash(edited);
    await rewrite([all[0]!, JSON.stringify(edited), all[2]!, all[3]!]);
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 2, line: 3, problem: 'prev' });
  });

  it('names reordered entries', async () => {
    const all = await logOf(4);
    await rewrite([all[0]!, all[2]!, all[1]!, all[3]!]);
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 2, line: 2, problem: 'seq' });
  });

  it('names a line that is not an entry', async () => {
    const all = await logOf(3);
    await rewrite([all[0]!, '{"seq":1}', all[2]!]);
    expect((await verifyAuditLog(dir)).firstBad).toMatchObject({ seq: 1, line: 2, problem: 'unreadable' });
  });

  it('detects a whole log rewritten from some entry on, against a head kept elsewhere', async () => {
    const all = await logOf(3);
    const kept = JSON.parse(all[2]!);
    await removeDir(`${dir}/audit`);
    const forged = await AuditLog.open(dir, { clock: () => 2 });
    for (let i = 0; i < 3; i++) await forged.append(read(`forged${i}`));
    expect((await verifyAuditLog(dir)).ok).toBe(true);
    expect((await verifyAuditLog(dir, { expect: { seq: kept.seq, hash: kept.hash } })).firstBad).toMatchObject({ seq: 2, problem: 'head' });
  });
});
