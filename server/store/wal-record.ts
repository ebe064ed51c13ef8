import { z } from 'zod';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { droppedChunksSchema, type DroppedChunks } from '../../lib/schema/dropped-chunks';
import { decodeChunk, type EncodedChunk } from './chunk-codec';
import { storedReceiptSchema, type StoredChunk, type StoredReceipt } from './records';

/**
 * What one write-ahead log record (server/store/write-ahead-log.ts) holds:
 * an accepted batch, with each chunk as the exact bytes its file gets (so a
 * replay writes the same files), or the erasure of sessions (so a replay
 * after a crash does not bring erased chunks back).
 */
const batchRecordSchema = z.object({
  kind: z.literal('batch'),
  receipt: storedReceiptSchema,
  dropped: z.array(droppedChunksSchema),
  chunks: z.array(z.object({ ...chunkKeySchema.shape, gz: z.base64() })),
});
const eraseRecordSchema = z.object({ kind: z.literal('erase'), sessionIds: z.array(chunkKeySchema.shape.sessionId) });
export const walRecordSchema = z.discriminatedUnion('kind', [batchRecordSchema, eraseRecordSchema]);

/** A batch as the fs store applies it. */
export interface BatchEntry {
  kind: 'batch';
  receipt: StoredReceipt;
  dropped: readonly DroppedChunks[];
  chunks: ReadonlyArray<{ chunk: StoredChunk; encoded: EncodedChunk }>;
}
export type WalEntry = BatchEntry | { kind: 'erase'; sessionIds: string[] };

export function encodeWalRecord(entry: WalEntry): Buffer {
  if (entry.kind === 'erase') return Buffer.from(JSON.stringify(entry));
  const chunks = entry.chunks.map(({ chunk, encoded }) => ({
    sessionId: chunk.sessionId,
    page: chunk.page,
    seq: chunk.seq,
    gz: encoded.data.toString('base64'),
  }));
  return Buffer.from(
    JSON.stringify({ kind: 'batch', receipt: entry.receipt, dropped: [...entry.dropped], chunks } satisfies z.input<
      typeof batchRecordSchema
    >),
  );
}

/** A record read back; throws (zod, gzip or JSON) when it does not parse. */
export async function decodeWalRecord(payload: Buffer): Promise<WalEntry> {
  const record = walRecordSchema.parse(JSON.parse(payload.toString('utf8')));
  if (record.kind === 'erase') return record;
  const chunks = await Promise.all(
    record.chunks.map(async (c) => {
      const data = Buffer.from(c.gz, 'base64');
      const { chunk, jsonBytes } = await decodeChunk(data, true);
      if (chunk.sessionId !== c.sessionId || chunk.page !== c.page || chunk.seq !== c.seq)
        throw new Error('a chunk does not match its key');
      return { chunk, encoded: { data, jsonBytes } };
    }),
  );
  return { kind: 'batch', receipt: record.receipt, dropped: record.dropped, chunks };
}
