import type { Config } from '../schema/config';
import { MAX_DROP_REPORTS_PER_BATCH, type DroppedChunks } from '../schema/dropped-chunks';
import { incrementCounter, recordLastError } from '../queue/counters';
import { deleteUploadedChunks } from '../queue/delete-chunks';
import { takeDropReports } from '../queue/drops';
import type { ChunkStoreKey, QueueDb } from '../queue/open-queue-db';
import type { QueuedChunk } from '../queue/records';
import { setAsideBatch } from '../queue/set-aside';
import { takeBatch } from '../queue/take-batch';
import { backoffDelayMs } from './backoff';
import { buildBatch } from './build-batch';
import type { SendOutcome } from './classify-response';
import { sendBatch } from './send-batch';
import type { UploadStateStore } from './upload-state';

export const DEFAULT_MAX_BATCHES_PER_RUN = 20;

export interface UploadDeps {
  db: QueueDb;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  config: Config;
  installId: string;
  extensionVersion: string;
  state: UploadStateStore;
  /** Batches taken from the queue per run (splits of a batch do not count). */
  maxBatchesPerRun?: number;
  timeoutMs?: number;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export type UploadRunStatus =
  /** Before notBefore: nothing was sent. */
  | 'waiting'
  /** The queue is empty. */
  | 'drained'
  /** maxBatchesPerRun reached with chunks still queued. */
  | 'budgetExhausted'
  /** 429: waiting for Retry-After. */
  | 'rateLimited'
  /** 5xx, network, timeout, 401/403: waiting for backoff. */
  | 'backingOff';

export interface UploadRunReport {
  status: UploadRunStatus;
  /** Requests answered 2xx. */
  batchesUploaded: number;
  chunksUploaded: number;
  chunksSetAside: number;
  /** Every POST made, including halves of split batches. */
  requests: number;
  /** Drop records the server acknowledged. */
  dropsReported: number;
  notBefore: number;
  /** The outcome that ended the run early, if any. */
  stoppedBy?: SendOutcome;
}

type Stop = Extract<SendOutcome, { kind: 'rateLimited' | 'unauthorized' | 'retryable' }>;

/**
 * One upload run: sends the oldest queued chunks batch by batch until the
 * queue is empty, the per-run budget is spent, or the server says wait.
 * Chunks leave the queue only on a 2xx, or when set aside after the server
 * rejected them alone (400/422, or 413 for a single chunk). Only one batch's
 * chunks are in memory at a time. The caller must not run two at once
 * (see createUploadScheduler). Each batch also carries the drop reports not
 * yet sent (lib/queue/drops.ts), marked sent with the batch's 2xx.
 */
export async function uploadPending(deps: UploadDeps): Promise<UploadRunReport> {
  const { db, config } = deps;
  const state = await deps.state.get();
  const report: UploadRunReport = { status: 'drained', batchesUploaded: 0, chunksUploaded: 0, chunksSetAside: 0, requests: 0, dropsReported: 0, notBefore: state.notBefore };
  if (deps.now() < state.notBefore) return { ...report, status: 'waiting' };

  const maxBatches = deps.maxBatchesPerRun ?? DEFAULT_MAX_BATCHES_PER_RUN;
  const bounds = { maxBytes: config.upload.maxBatchBytes, maxChunks: config.upload.maxBatchChunks };
  for (let taken = 0; taken < maxBatches; taken++) {
    const records = await takeBatch(db, bounds, deps.now());
    if (records.length === 0) return report;

    const drops = await takeDropReports(db, MAX_DROP_REPORTS_PER_BATCH);
    const stop = await sendOrSplit(deps, records, report, drops);
    if (stop) return stopRun(deps, report, stop, state.attempt);
    if (state.attempt !== 0 || state.notBefore !== 0) {
      state.attempt = 0;
      state.notBefore = 0;
      report.notBefore = 0;
      await deps.state.set({ attempt: 0, notBefore: 0 });
    }
  }
  // Counting keys reads no records.
  return { ...report, status: (await db.count('chunks')) > 0 ? 'budgetExhausted' : 'drained' };
}

type DropReport = { key: ChunkStoreKey; report: DroppedChunks };

/**
 * Sends records as one batch; on 413 or 400/422 sends each half instead, down
 * to single chunks, so one bad or huge chunk does not hold back the rest.
 * Halves go without drop reports: they wait for the next batch rather than
 * risk being the reason good chunks are set aside.
 * Returns the outcome that should end the run, or null to carry on.
 */
async function sendOrSplit(deps: UploadDeps, records: readonly QueuedChunk[], report: UploadRunReport, drops: readonly DropReport[] = []): Promise<Stop | null> {
  const built = await buildBatch(records, {
    installId: deps.installId,
    orgId: deps.config.orgId,
    extensionVersion: deps.extensionVersion,
    sentAt: deps.now(),
    dropped: drops.map((d) => d.report),
  });
  const outcome = await sendBatch({
    fetch: deps.fetch,
    endpoint: deps.config.endpoint,
    ingestToken: deps.config.ingestToken,
    batchId: built.batchId,
    body: built.body,
    now: deps.now,
    timeoutMs: deps.timeoutMs,
    timeoutSignal: deps.timeoutSignal,
  });
  report.requests += 1;

  switch (outcome.kind) {
    case 'ok': {
      const { deleted } = await deleteUploadedChunks(deps.db, records, deps.now(), drops.map((d) => d.key));
      report.batchesUploaded += 1;
      report.chunksUploaded += deleted;
      report.dropsReported += drops.length;
      return null;
    }
    case 'tooLarge':
    case 'invalid': {
      if (records.length > 1) {
        const mid = Math.ceil(records.length / 2);
        return (await sendOrSplit(deps, records.slice(0, mid), report)) ?? (await sendOrSplit(deps, records.slice(mid), report));
      }
      const reason = outcome.kind === 'tooLarge' ? 'chunk is too large for the server even on its own' : outcome.message;
      const id = await setAsideBatch(deps.db, { reason, status: outcome.status, records, at: deps.now() });
      if (id !== null) report.chunksSetAside += 1;
      return null;
    }
    default:
      return outcome;
  }
}

async function stopRun(deps: UploadDeps, report: UploadRunReport, stop: Stop, attempt: number): Promise<UploadRunReport> {
  const now = deps.now();
  let next: { attempt: number; notBefore: number };
  if (stop.kind === 'rateLimited') {
    // The server said exactly when; that is not a failure, so the attempt count
    // (and with it the next backoff) is left as it was.
    next = { attempt, notBefore: now + stop.retryAfterMs };
    await incrementCounter(deps.db, 'rateLimitedResponses');
  } else {
    const failures = attempt + 1;
    next = { attempt: failures, notBefore: now + backoffDelayMs(failures, deps.random) };
    await incrementCounter(deps.db, stop.kind === 'unauthorized' ? 'unauthorizedResponses' : 'uploadFailures');
    await recordLastError(deps.db, stop.status === null ? stop.message : `HTTP ${stop.status}: ${stop.message}`, now);
  }
  await deps.state.set(next);
  return { ...report, status: stop.kind === 'rateLimited' ? 'rateLimited' : 'backingOff', notBefore: next.notBefore, stoppedBy: stop };
}
