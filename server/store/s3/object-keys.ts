import { z } from 'zod';
import { chunkKeySchema, type ChunkKey } from '../../../lib/schema/chunk';

/**
 * Object keys in the bucket, retention class first so a bucket lifecycle
 * rule can expire a whole class by prefix, then install, session, page and
 * seq, so erasing an install or a session is deleting a prefix:
 *   <class>/<installId>/<sessionId>/<page>/<seq>.json.gz
 * (page and seq zero-padded: lexical order is (page, seq) order).
 */
export const retentionClassSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a retention class is 1-32 lower-case letters, digits or dashes (it starts an object key)');

export const DEFAULT_RETENTION_CLASS = 'standard';
/** Where the start-up probe of conditional puts writes (never a chunk's prefix: a class cannot start with "_"). */
export const PROBE_PREFIX = '_probe/';

const KEY = /^([a-z0-9][a-z0-9-]{0,31})\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/(\d{6})\/(\d{8})\.json\.gz$/;

export function chunkObjectKey(retentionClass: string, installId: string, key: ChunkKey): string {
  return `${sessionPrefix(retentionClass, installId, key.sessionId)}${String(key.page).padStart(6, '0')}/${String(key.seq).padStart(8, '0')}.json.gz`;
}

export const installPrefix = (retentionClass: string, installId: string): string => `${retentionClass}/${installId}/`;
export const sessionPrefix = (retentionClass: string, installId: string, sessionId: string): string =>
  `${installPrefix(retentionClass, installId)}${sessionId}/`;

/** The chunk an object key names, or null for anything else in the bucket. */
export function parseChunkObjectKey(objectKey: string): (ChunkKey & { installId: string; retentionClass: string }) | null {
  const m = KEY.exec(objectKey);
  if (!m) return null;
  const key = chunkKeySchema.safeParse({ sessionId: m[3], page: Number(m[4]), seq: Number(m[5]) });
  return key.success ? { ...key.data, installId: m[2]!, retentionClass: m[1]! } : null;
}
