import { z } from 'zod';

/** A chunk's key, (sessionId, page, seq) (lib/schema/chunk.ts says what each counts); alone, for the worker's answers to a page. */
export const chunkKeySchema = z.object({
  /** Normalised to lower case: on a case-insensitive disk two spellings would be one directory. */
  sessionId: z.uuid().toLowerCase(),
  page: z.int().min(0).max(100_000),
  seq: z.int().min(0).max(10_000_000),
});
export type ChunkKey = z.infer<typeof chunkKeySchema>;
