import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../server/store/batch-journal';
import type { StoredChunk } from '../../server/store/records';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, makeApp, makeTempDir, postBatch, removeDir } from './harness';

/** The batch journal and the drop log across (simulated) crashes: an app closed, files left as a crash leaves them. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => removeDir(dir));

const stored = (chunk: ReturnType<typeof makeChunk>, batchId: string): StoredChunk => ({
  ...chunk,
  batchId,
  installId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
  orgId: null,
  extensionVersion: '0.1.0',
});

async function leaveJournal(entry: JournalEntry): Promise<void> {
  await mkdir(join(dir, 'journal'), { recursive: true });
  await writeFile(join(dir, 'journal', `${entry.receipt.batchId}.json`), JSON.stringify(entry));
}

describe('batch journal', () => {
  it('finishes at start a batch a crash interrupted, storing only what was missing', async () => {
    const id = newSessionId();
    const [c0, c1, c2] = [0, 1, 2].map((seq) => makeChunk({ sessionId: id, seq }));
    // Before the crash: c0 made it to disk, then the server died with the batch of c1 and c2 journalled.
    const first = makeApp(dir);
    expect((await postBatch(first, makeBatch([c0!]))).statusCode).toBe(200);
    await first.close();
    const receipt = { batchId: 'batch_interrupted', stored: 3, duplicates: 0 };
    const dropped = [{ sessionId: id, page: 0, fromSeq: 7, toSeq: 8, reason: 'expired', at: 1_700_000_000_003 }];
    await leaveJournal({ receipt, chunks: [c0, c1, c2].map((c) => stored(c!, receipt.batchId)), dropped });

    const app = makeApp(dir);
    const events = (await getJson(app, `/v1/sessions/${id}/events`)).json();
    expect(events).toEqual([c0, c1, c2].flatMap((c) => c!.events));
    expect((await listFiles(dir)).filter((f) => f.includes('/chunks/'))).toHaveLength(3);
    expect(await readdir(join(dir, 'journal'))).toEqual([]);
    // The batch is answered from its receipt when the client resends it.
    const resend = makeBatch([c1!, c2!], { batchId: receipt.batchId });
    expect((await postBatch(app, resend)).json()).toEqual(receipt);
    expect((await getJson(app, `/v1/sessions/${id}/completeness`)).json().gaps).toEqual([
      { page: 0, fromSeq: 7, toSeq: 8, reason: 'expired' },
    ]);
    await app.close();
  });

  it('moves an unreadable journal entry aside and removes leftover temp files, then serves', async () => {
    await mkdir(join(dir, 'journal'), { recursive: true });
    await writeFile(join(dir, 'journal', 'batch_broken.json'), '{"receipt": ');
    await writeFile(join(dir, 'journal', '.batch_x.json.abc123.tmp'), '{"half');
    await mkdir(join(dir, 'drops'), { recursive: true });
    await writeFile(join(dir, 'drops', '.11111111-1111-4111-8111-111111111111.json.abc.tmp'), '[');
    await mkdir(join(dir, 'batches'), { recursive: true });
    await writeFile(join(dir, 'batches', '.batch_y.json.def456.tmp'), '{');
    const app = makeApp(dir);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.ready();
    expect((await listFiles(dir)).sort()).toEqual(['journal/batch_broken.json.corrupt']);
    await app.close();
  });
});

describe('drop log', () => {
  it('keeps each device report once, across restarts', async () => {
    const id = newSessionId();
    const dropped = [{ sessionId: id, page: 0, fromSeq: 1, toSeq: 1, reason: 'recorder-overflow', at: 1_700_000_000_001 }];
    const first = makeApp(dir);
    await postBatch(first, makeBatch([makeChunk({ sessionId: id, seq: 0 })], { dropped }));
    await first.close();
    const app = makeApp(dir);
    await postBatch(
      app,
      makeBatch([makeChunk({ sessionId: id, seq: 2 })], { dropped: [...dropped, { ...dropped[0]!, fromSeq: 3, toSeq: 3 }] }),
    );
    const gaps = (await getJson(app, `/v1/sessions/${id}/completeness`)).json().gaps;
    // Seq 3 was dropped after the last chunk that arrived: the report says so too.
    expect(gaps).toEqual([
      { page: 0, fromSeq: 1, toSeq: 1, reason: 'recorder-overflow' },
      { page: 0, fromSeq: 3, toSeq: 3, reason: 'recorder-overflow' },
    ]);
    const onDisk = JSON.parse(await readFile(join(dir, 'drops', `${id}.json`), 'utf8'));
    expect(onDisk).toHaveLength(2);
    await app.close();
  });
});
