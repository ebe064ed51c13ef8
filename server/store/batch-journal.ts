import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { batchSchema } from '../../lib/schema/batch';
import { droppedChunksSchema } from '../../lib/schema/dropped-chunks';
import { ensureDir, isTempFile } from './atomic-write';
import { storedChunkSchema, storedReceiptSchema } from './records';

/**
 * The per-batch journal of earlier versions (one file per batch, replaced by
 * the write-ahead log, server/store/write-ahead-log.ts): entries a crash left
 * there are still finished at start, then removed.
 *   journal/<batchId>.json
 */
export const journalEntrySchema = z.object({
  receipt: storedReceiptSchema,
  chunks: z.array(storedChunkSchema),
  dropped: z.array(droppedChunksSchema),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export class BatchJournal {
  constructor(readonly dir: string) {}

  static async open(root: string): Promise<BatchJournal> {
    const journal = new BatchJournal(join(root, 'journal'));
    await ensureDir(journal.dir);
    return journal;
  }

  private file(batchId: string): string {
    // batchId is validated by batchSchema ([A-Za-z0-9_-]) before it gets here.
    batchSchema.shape.batchId.parse(batchId);
    return join(this.dir, `${batchId}.json`);
  }

  /** After the batch is durable. If this is lost in a crash, replaying the entry again changes nothing. */
  async remove(batchId: string): Promise<void> {
    await rm(this.file(batchId), { force: true });
  }

  /**
   * Entries left by a crash, oldest name first. Leftover temp files (a crash
   * while writing an entry: that batch was never applied) are deleted; an
   * entry that does not parse is moved aside as `.corrupt` and logged.
   */
  async pending(log: FastifyBaseLogger): Promise<JournalEntry[]> {
    const entries: JournalEntry[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      const path = join(this.dir, name);
      if (isTempFile(name)) {
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const parsed = journalEntrySchema.safeParse(await readJson(path));
      if (parsed.success) entries.push(parsed.data);
      else {
        log.error({ file: `journal/${name}` }, 'unreadable batch journal entry; moved aside');
        await rename(path, `${path}.corrupt`);
      }
    }
    return entries;
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}
