import { chunkKeyString } from '../schema/chunk';
import { MAX_DROP_REPORTS_PER_BATCH } from '../schema/dropped-chunks';
import { MAX_SHOT_DROP_REPORTS_PER_BATCH } from '../schema/shot-drops';
import { takeShotDropReports } from '../queue/shot-drops';
import { incrementCounter, recordLastError } from '../queue/counters';
import { takeDropReports } from '../queue/drops';
import { takeBatch } from '../queue/take-batch';
import { backoffDelayMs } from './backoff';
import { isServerFailure } from './classify-response';
import { deliver, type Stop } from './deliver';
import { isolateFailing, MAX_SERVER_FAILURES } from './isolate-failing';
import type { UploadState } from './upload-state';
import type { UploadDeps, UploadRunReport } from './upload-run';

export const DEFAULT_MAX_BATCHES_PER_RUN = 20;

/**
 * One upload run: sends the oldest queued chunks batch by batch until the
 * queue is empty, the per-run budget is spent, or the server says wait.
 * Chunks leave the queue only on a checked receipt (lib/upload/classify-response.ts),
 * or when set aside after the server refused them for good (400/422, 403 for
 * another install's session, 413 for a single chunk), or after it kept failing
 * on them alone while accepting others (lib/upload/isolate-failing.ts). Only
 * one batch's chunks are in memory at a time. The caller must not run two at
 * once (see createUploadScheduler). Each batch also carries the drop reports
 * not yet sent (lib/queue/drops.ts), marked sent with the batch's receipt.
 */
export async function uploadPending(deps: UploadDeps): Promise<UploadRunReport> {
  const { db, config } = deps;
  const state = await deps.state.get();
  const report: UploadRunReport = {
    status: 'drained',
    batchesUploaded: 0,
    chunksUploaded: 0,
    chunksSetAside: 0,
    requests: 0,
    dropsReported: 0,
    notBefore: state.notBefore,
  };
  if (deps.now() < state.notBefore) return { ...report, status: 'waiting' };

  const maxBatches = deps.maxBatchesPerRun ?? DEFAULT_MAX_BATCHES_PER_RUN;
  const bounds = { maxBytes: config.upload.maxBatchBytes, maxChunks: config.upload.maxBatchChunks };
  for (let taken = 0; taken < maxBatches; taken++) {
    const records = await takeBatch(db, bounds, deps.now());
    if (records.length === 0) return report;

    const first = chunkKeyString(records[0]!);
    const failures = state.serverFailures?.firstKey === first ? state.serverFailures.count : 0;
    const stop =
      failures >= MAX_SERVER_FAILURES
        ? await isolateFailing(deps, records, report, bounds)
        : await deliver(
            deps,
            records,
            report,
            { healthy: false },
            await takeDropReports(db, MAX_DROP_REPORTS_PER_BATCH),
            await takeShotDropReports(db, MAX_SHOT_DROP_REPORTS_PER_BATCH),
          );
    if (stop) {
      // Counted per first chunk, so a batch that grows as more is queued is still the same one failing.
      const serverFailures = isServerFailure(stop) ? { firstKey: first, count: failures + 1 } : state.serverFailures;
      return stopRun(deps, report, stop, state, serverFailures);
    }
    if (state.attempt !== 0 || state.notBefore !== 0 || state.serverFailures) {
      state.attempt = 0;
      state.notBefore = 0;
      delete state.serverFailures;
      report.notBefore = 0;
      await deps.state.set({ attempt: 0, notBefore: 0 });
    }
  }
  // Counting keys reads no records.
  return { ...report, status: (await db.count('chunks')) > 0 ? 'budgetExhausted' : 'drained' };
}

async function stopRun(
  deps: UploadDeps,
  report: UploadRunReport,
  stop: Stop,
  state: UploadState,
  serverFailures: UploadState['serverFailures'],
): Promise<UploadRunReport> {
  const now = deps.now();
  let next: UploadState;
  if (stop.kind === 'rateLimited') {
    // The server said exactly when; that is not a failure, so the attempt count
    // (and with it the next backoff) is left as it was.
    next = { attempt: state.attempt, notBefore: now + stop.retryAfterMs };
  } else {
    const failures = state.attempt + 1;
    next = { attempt: failures, notBefore: now + backoffDelayMs(failures, deps.random) };
  }
  if (serverFailures) next.serverFailures = serverFailures;
  // The wait is persisted first, before anything else: a worker stopped right after this answer
  // must find it when it starts again (lib/worker: an upload runs as soon as the worker starts).
  await deps.state.set(next);
  if (stop.kind === 'rateLimited') {
    await incrementCounter(deps.db, 'rateLimitedResponses');
  } else {
    await incrementCounter(deps.db, stop.kind === 'unauthorized' ? 'unauthorizedResponses' : 'uploadFailures');
    await recordLastError(deps.db, stop.status === null ? stop.message : `HTTP ${stop.status}: ${stop.message}`, now);
  }
  return { ...report, status: stop.kind === 'rateLimited' ? 'rateLimited' : 'backingOff', notBefore: next.notBefore, stoppedBy: stop };
}
