import { z } from 'zod';
import { chunkKeySchema, type ChunkKey } from './chunk-key';
import { rrwebEventSchema } from './rrweb-event';

/**
 * A chunk: a run of consecutive rrweb events from one page load.
 * Key: (sessionId, page, seq). A session is one tab's visit to one site; `page`
 * counts full page loads within it from 0; `seq` counts chunks within a page from 0.
 * Ordering within a session is by (page, seq).
 */
export const MAX_EVENTS_PER_CHUNK = 5000;

export { chunkKeySchema, type ChunkKey };

export const chunkSchema = z.object({
  ...chunkKeySchema.shape,
  /** Origin of the recorded site (scheme://host:port). */
  site: z.string().max(300),
  /** Page URL when the chunk was cut. */
  url: z.string().max(8192),
  /**
   * The tab's run of sessions this one belongs to (lib/rules/session/assign-page.ts): sessions
   * sharing it were one tab moving between sites, shown as one row. Absent from older recorders.
   */
  tabRunId: z.uuid().toLowerCase().optional(),
  events: z.array(rrwebEventSchema).min(1).max(MAX_EVENTS_PER_CHUNK),
});
export type Chunk = z.infer<typeof chunkSchema>;

export function chunkKeyString(key: ChunkKey): string {
  return `${key.sessionId}/${key.page}/${key.seq}`;
}

/** Total order of chunks within a session. */
export function compareChunkKeys(a: ChunkKey, b: ChunkKey): number {
  if (a.sessionId !== b.sessionId) return a.sessionId < b.sessionId ? -1 : 1;
  return a.page - b.page || a.seq - b.seq;
}
