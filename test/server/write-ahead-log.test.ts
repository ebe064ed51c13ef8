import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../server/store/session-store';
import type { StoredChunk } from '../../server/store/records';
import { parseSegment } from '../../server/store/wal-segment';
import { WriteAheadLog } from '../../server/store/write-ahead-log';
import { makeChunk, newSessionId } from './fixtures';
import { makeTempDir, removeDir } from './harness';
import { silentLogger as silent } from '../support/silent-logger';

/** The fs store's write-ahead log: group commit, torn tails, replay of batches and erasures. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => removeDir(dir));

const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const stored = (sessionId: string, seq: number, batchId: string): StoredChunk => ({
  ...makeChunk({ sessionId, seq }),
  batchId,
  installId: INSTALL,
  orgId: null,
  extensionVersion: '0.1.0',
});
const receipt = (batchId: string, stored: number) => ({ batchId, stored, duplicates: 0, installId: INSTALL });

describe('write-ahead log', () => {
  it('group commit: ten records appended at once are made durable with two fdatasyncs, not ten', async () => {
    const { wal } = await WriteAheadLog.open(dir);
    const payloads = Array.from({ length: 10 }, (_, i) => Buffer.from(`record ${i}`));
    const segments = await Promise.all(payloads.map((p) => wal.append(p)));
    // The first record flushes alone; the nine that queued behind its sync go in one more.
    expect(wal.syncs).toBe(2);
    for (const s of segments) wal.applied(s);
    const file = (await readdir(join(dir, 'wal')))[0]!;
    const { records, torn } = parseSegment(await readFile(join(dir, 'wal', file)));
    expect(records.map(String)).toEqual(payloads.map(String));
    expect(torn).toBe(false);
    await wal.close();
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
  });

  it('retireNow waits until the records logged so far are applied, then retires their segments; later records go to a new one', async () => {
    const { wal } = await WriteAheadLog.open(dir, { settleMs: 3_600_000, rotateMs: 3_600_000 });
    wal.applied(await wal.append(Buffer.from('zero')));
    const pending = await wal.append(Buffer.from('one')); // durable, its files not written yet
    const [old] = await readdir(join(dir, 'wal'));
    let retired = false;
    const retiring = wal.retireNow().then((done) => {
      retired = done;
    });
    const later = await wal.append(Buffer.from('two'));
    expect(later).not.toBe(pending);
    expect(retired).toBe(false);
    expect(parseSegment(await readFile(join(dir, 'wal', old!))).records.map(String)).toEqual(['zero', 'one']);
    wal.applied(pending);
    await retiring;
    expect(retired).toBe(true);
    const left = await readdir(join(dir, 'wal'));
    expect(left).toHaveLength(1);
    expect(left[0]).not.toBe(old);
    expect(parseSegment(await readFile(join(dir, 'wal', left[0]!))).records.map(String)).toEqual(['two']);
    wal.applied(later);
    await wal.close();
  });

  it('a record appended right after an acknowledgement is flushed too (not left queued until the next append)', async () => {
    const { wal } = await WriteAheadLog.open(dir);
    const first = await wal.append(Buffer.from('first'));
    // Appended before the flush that acknowledged `first` has finished: it must start another.
    const second = await wal.append(Buffer.from('second'));
    wal.applied(first);
    wal.applied(second);
    const [file] = await readdir(join(dir, 'wal'));
    expect(parseSegment(await readFile(join(dir, 'wal', file!))).records.map(String)).toEqual(['first', 'second']);
    await wal.close();
  });

  it('a record cut short by a crash (or with a wrong checksum) ends the segment: what follows is never replayed', async () => {
    const { wal } = await WriteAheadLog.open(dir);
    for (const s of await Promise.all([wal.append(Buffer.from('one')), wal.append(Buffer.from('two'))])) wal.applied(s);
    const path = join(dir, 'wal', (await readdir(join(dir, 'wal')))[0]!);
    await appendFile(path, Buffer.from([9, 0, 0, 0, 1, 2, 3, 4, 0x68]));
    expect(parseSegment(await readFile(path))).toMatchObject({ torn: true });
    expect(parseSegment(await readFile(path)).records.map(String)).toEqual(['one', 'two']);
    const data = await readFile(path);
    data.writeUInt8(data.readUInt8(8) ^ 0xff, 8); // the first payload's first byte
    await writeFile(path, data);
    expect(parseSegment(data).records).toEqual([]);
  });

  it('replays, after a crash, batches acknowledged but not written out, and erasures after them', async () => {
    const [a, b] = [newSessionId(), newSessionId()];
    const first = await SessionStore.open(dir, silent, { wal: { settleMs: 3_600_000 } });
    await first.commitBatch(receipt('batch_aaaa', 2), [stored(a, 0, 'batch_aaaa'), stored(a, 1, 'batch_aaaa')], []);
    await first.commitBatch(receipt('batch_bbbb', 1), [stored(b, 0, 'batch_bbbb')], []);
    await first.deleteSession(b);
    // The crash: the process dies with the log not retired, and a's files lost (a power cut before writeback).
    await removeDir(join(dir, 'sessions', a));
    await removeDir(join(dir, 'batches'));

    const second = await SessionStore.open(dir, silent);
    expect((await second.listSessions()).map((m) => m.id)).toEqual([a]);
    expect((await second.readChunks(a))?.map((c) => c.seq)).toEqual([0, 1]);
    expect(await second.readReceipt('batch_aaaa')).toMatchObject({ batchId: 'batch_aaaa', stored: 2 });
    expect(await second.meta(b)).toBeUndefined();
    expect(await second.readChunks(b)).toBeNull();
    // Replayed, made durable and retired at start.
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
    await second.close();
    await first.close();
  });

  it('acknowledges through the log and retires it on close: every file is in place, the log is empty', async () => {
    const a = newSessionId();
    const store = await SessionStore.open(dir, silent);
    const answer = await store.commitBatch(receipt('batch_cccc', 1), [stored(a, 0, 'batch_cccc')], []);
    expect(answer).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await readdir(join(dir, 'wal'))).toHaveLength(1);
    await store.close();
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
    expect(await readdir(join(dir, 'sessions', a, 'chunks'))).toEqual(['000000-00000000.json.gz']);
  });
});
