import { batchSchema, type Batch } from '../schema/batch';
import type { DroppedChunks } from '../schema/dropped-chunks';
import type { ShotDropReport } from '../schema/shot-drops';
import type { QueuedChunk } from '../queue/records';
import { batchIdFor } from './batch-id';
import { gzip } from './gzip';

export interface BatchEnvelope {
  installId: string;
  orgId: string | null;
  extensionVersion: string;
  sentAt: number;
  /** The consent version the install holds a grant for (lib/rules/consent/held-consent-version.ts); omitted without one. */
  consentVersion?: string;
  /** Drop reports to carry (lib/schema/dropped-chunks.ts); omitted when empty. */
  dropped?: readonly DroppedChunks[];
  /** Discarded-shot totals to carry (lib/schema/shot-drops.ts); omitted when empty. */
  shotDrops?: readonly ShotDropReport[];
}

export interface BuiltBatch {
  batchId: string;
  /** gzip of the batch's JSON. */
  body: Uint8Array<ArrayBuffer>;
  /** Uncompressed JSON size. */
  jsonBytes: number;
}

/**
 * The request body for some queued chunks. Checked against batchSchema first:
 * what fails here is our envelope (install id, version), not the chunks, and
 * must not reach the server where a 400 would get good chunks set aside.
 */
export async function buildBatch(records: readonly QueuedChunk[], envelope: BatchEnvelope): Promise<BuiltBatch> {
  const { dropped = [], shotDrops = [], consentVersion, ...rest } = envelope;
  const batchId = await batchIdFor(records, dropped, shotDrops);
  const batch: Batch = {
    batchId,
    ...rest,
    ...(consentVersion !== undefined ? { consentVersion } : {}),
    chunks: records.map((r) => r.chunk),
    ...(dropped.length ? { dropped: [...dropped] } : {}),
    ...(shotDrops.length ? { shotDrops: [...shotDrops] } : {}),
  };
  const checked = batchSchema.safeParse(batch);
  if (!checked.success) throw new Error(`refusing to send an invalid batch: ${checked.error.message.slice(0, 500)}`);
  const json = new TextEncoder().encode(JSON.stringify(checked.data));
  return { batchId, body: await gzip(json), jsonBytes: json.byteLength };
}
