import { createHash } from 'node:crypto';
import type { Batch } from '../../lib/schema/batch';

/**
 * What a batch carries, as one digest: its chunks and drop reports, as
 * parsed. A resend of the same batch has the same (whatever its sentAt, or an
 * extension updated in between); a batch id reused for anything else has not.
 */
export function batchDigest(batch: Batch): string {
  return createHash('sha256')
    .update(JSON.stringify(batch.shotDrops ? [batch.chunks, batch.dropped ?? [], batch.shotDrops] : [batch.chunks, batch.dropped ?? []]))
    .digest('base64url');
}
