import { z } from 'zod';
import { droppedChunksSchema, type DroppedChunks } from '../../../lib/schema/dropped-chunks';
import { shotDropReportSchema, type ShotDropReport } from '../../../lib/schema/shot-drops';
import { StoreCorruptError } from '../store';
import { storedMetaSchema, type StoredMeta } from '../records';

/**
 * Rows read back from the index are parsed like any stored record: a row
 * another version (or a person) wrote wrongly is an error naming the row,
 * never a crash or a wrong answer.
 */
export function metaFromRow(value: unknown): StoredMeta | null {
  if (value === null || value === undefined) return null;
  const parsed = storedMetaSchema.safeParse(value);
  if (!parsed.success) throw new StoreCorruptError(`a session summary in wt_sessions does not parse: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const reportRowSchema = z.object({ report: droppedChunksSchema });

export function dropsFromRows(rows: readonly unknown[]): DroppedChunks[] {
  return rows.flatMap((row) => {
    const parsed = reportRowSchema.safeParse(row);
    if (!parsed.success) throw new StoreCorruptError(`a drop report in wt_drops does not parse: ${parsed.error.issues[0]?.message}`);
    const { sessionId, page, fromSeq, toSeq, reason, at } = parsed.data.report;
    return [{ sessionId, page, fromSeq, toSeq, reason, at }];
  });
}

const shotDropRowSchema = z.object({ report: shotDropReportSchema });

export function shotDropsFromRows(rows: readonly unknown[]): ShotDropReport[] {
  return rows.map((row) => {
    const parsed = shotDropRowSchema.safeParse(row);
    if (!parsed.success)
      throw new StoreCorruptError(`a shot drop total in wt_shot_drops does not parse: ${parsed.error.issues[0]?.message}`);
    const { sessionId, page, reason, count, at } = parsed.data.report;
    return { sessionId, page, reason, count, at };
  });
}

export const chunkRowSchema = z.object({ page: z.int().nonnegative(), seq: z.int().nonnegative(), object_key: z.string().min(1) });
