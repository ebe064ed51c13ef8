import type { DroppedChunks } from '../schema/dropped-chunks';
import type { ShotDropReport } from '../schema/shot-drops';
import type { QueuedChunk } from '../queue/records';
import { buildBatch } from './build-batch';
import type { SendOutcome } from './classify-response';
import { sendBatch } from './send-batch';
import type { UploadDeps, UploadRunReport } from './upload-run';

/** Queued chunks (and drop reports) as one batch, POSTed once; the outcome, receipt checked. Counts the request. */
export async function sendRecords(
  deps: UploadDeps,
  records: readonly QueuedChunk[],
  report: UploadRunReport,
  drops: readonly DroppedChunks[] = [],
  shotDrops: readonly ShotDropReport[] = [],
): Promise<SendOutcome> {
  const built = await buildBatch(records, {
    installId: deps.installId,
    orgId: deps.config.orgId,
    extensionVersion: deps.extensionVersion,
    sentAt: deps.now(),
    consentVersion: deps.consentVersion,
    dropped: drops,
    shotDrops,
  });
  report.requests += 1;
  return sendBatch({
    fetch: deps.fetch,
    endpoint: deps.config.endpoint,
    ingestToken: deps.config.ingestToken,
    batchId: built.batchId,
    body: built.body,
    chunks: records.length,
    now: deps.now,
    timeoutMs: deps.timeoutMs,
    timeoutSignal: deps.timeoutSignal,
  });
}
