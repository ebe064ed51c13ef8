import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, isTempFile } from './atomic-write';
import { storedReceiptSchema } from './records';

/**
 * Erasure (issue 16): the fs store's batch receipts (batches/<batchId>.json) name the install that
 * sent each batch, so an erased install's are deleted too: afterwards only its tombstone (and its
 * consent receipts, kept as proof, and the audit log's ids) name it. A resend of such a batch is
 * refused by the tombstone (410) before any receipt is looked up. A scan of the directory: erasures
 * are rare; uploads never pay for it. Returns how many were deleted.
 */
export async function eraseBatchReceipts(batchesDir: string, installId: string): Promise<number> {
  let deleted = 0;
  for (const name of await readdir(batchesDir).catch(() => [] as string[])) {
    if (isTempFile(name) || !name.endsWith('.json')) continue;
    const file = join(batchesDir, name);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null || !text.includes(installId)) continue;
    // The id appears in the text; a receipt too damaged to parse goes too (it names the install).
    const parsed = storedReceiptSchema.safeParse(parseOrNull(text));
    if (parsed.success && parsed.data.installId !== installId) continue;
    await rm(file, { force: true });
    deleted += 1;
  }
  if (deleted > 0) await fsyncDir(batchesDir);
  return deleted;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
