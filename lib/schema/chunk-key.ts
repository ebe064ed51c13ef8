import { z } from 'zod/mini';

/**
 * A chunk's key, (sessionId, page, seq) (lib/schema/chunk.ts says what each
 * counts). In zod's tree-shakable "mini" form: the content script parses the
 * worker's answers with it (lib/schema/worker-to-recorder.ts) and so carries
 * no more of zod than those need; the full-zod schemas compose it as they
 * compose their own (`z.object({ ...chunkKeySchema.shape, ... })`, `z.nullable(seq)`).
 */
export const chunkKeySchema = z.object({
  /** Normalised to lower case: on a case-insensitive disk two spellings would be one directory. */
  sessionId: z.uuid().check(z.toLowerCase()),
  page: z.int().check(z.minimum(0), z.maximum(100_000)),
  seq: z.int().check(z.minimum(0), z.maximum(10_000_000)),
});
export type ChunkKey = z.infer<typeof chunkKeySchema>;
