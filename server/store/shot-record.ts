import { z } from 'zod';
import { shotMetaSchema, storedShotSchema, type StoredShot } from '../../lib/schema/screenshot';

/**
 * A stored shot's record (issue 15): the upload's metadata as parsed, with
 * the sha256 of the stored image and when it was stored. It keeps the
 * install and org (who sent it, who owns the session); the read API lists
 * only toStoredShot of it.
 */
export const storedShotRecordSchema = shotMetaSchema.extend({
  sha256: storedShotSchema.shape.sha256.regex(/^[0-9a-f]{64}$/),
  storedAt: storedShotSchema.shape.storedAt,
});
export type StoredShotRecord = z.infer<typeof storedShotRecordSchema>;

/** What putShot answers: 'created'; 'same' for a resend of the same bytes; 'conflict' when other bytes hold the key. Always the record stored. */
export interface ShotPut {
  outcome: 'created' | 'same' | 'conflict';
  stored: StoredShotRecord;
}

/** The read API's shape of a record (no install, no org). */
export function toStoredShot(record: StoredShotRecord): StoredShot {
  const { installId: _installId, orgId: _orgId, ...shot } = record;
  return shot;
}

/** Oldest first: by takenAt, then page. */
export const shotsInOrder = (a: StoredShotRecord, b: StoredShotRecord): number => a.takenAt - b.takenAt || a.page - b.page;

/** The outcome of a put that found `stored` under the key: the same image, or a conflict. */
export const existingShot = (stored: StoredShotRecord, sha256: string): ShotPut => ({
  outcome: stored.sha256 === sha256 ? 'same' : 'conflict',
  stored,
});
