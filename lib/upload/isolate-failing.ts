import type { BatchBounds } from '../queue/take-batch';
import { takeBatch } from '../queue/take-batch';
import type { QueuedChunk } from '../queue/records';
import { setAsideBatch } from '../queue/set-aside';
import { chunkKeyString } from '../schema/chunk';
import { deliver, type DeliveryContext, type Stop } from './deliver';
import type { UploadDeps, UploadRunReport } from './upload-run';

/** Server failures (5xx) of batches starting with the same chunk before the uploader looks for the culprit. */
export const MAX_SERVER_FAILURES = 8;

/**
 * A batch the server keeps failing on (5xx, MAX_SERVER_FAILURES times in a
 * row) may hold a chunk that makes it fail, and everything queued behind waits
 * for it. Bisects the batch: halves that are acknowledged go; the single
 * chunks the server still fails on are set aside (counted, shown in the popup
 * and My data), but only once the server has shown it works by acknowledging
 * something else in this run (if nothing in the batch went through, the next
 * chunks queued are sent to find out). When the server fails on everything it
 * is the server, not a chunk: nothing is set aside, the run stops and backs off.
 */
export async function isolateFailing(
  deps: UploadDeps,
  records: readonly QueuedChunk[],
  report: UploadRunReport,
  bounds: BatchBounds,
): Promise<Stop | null> {
  const ctx: DeliveryContext = { healthy: false, suspects: [] };
  const stop = await deliver(deps, records, report, ctx);
  const suspects = ctx.suspects!;
  if (stop || suspects.length === 0) return stop;
  if (!ctx.healthy) {
    const behind = await takeBatch(deps.db, { ...bounds, skip: new Set(suspects.map(chunkKeyString)) }, deps.now());
    if (behind.length > 0) {
      const probe: DeliveryContext = { healthy: false };
      const probeStop = await deliver(deps, behind, report, probe);
      if (probeStop) return probeStop;
      ctx.healthy = probe.healthy;
    }
  }
  const failure = ctx.lastFailure!;
  if (!ctx.healthy) return failure;
  const reason = `the server failed on this chunk ${MAX_SERVER_FAILURES + 1} times in a row (last: HTTP ${failure.status}: ${failure.message}) while it accepted others`;
  for (const record of suspects) {
    const id = await setAsideBatch(deps.db, { reason, status: failure.status, records: [record], at: deps.now() });
    if (id !== null) report.chunksSetAside += 1;
  }
  return null;
}
