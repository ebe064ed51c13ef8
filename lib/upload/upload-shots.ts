import { recordLastError } from '../queue/counters';
import type { QueueDb } from '../queue/open-queue-db';
import { deleteUploadedShot, takeShots } from '../queue/shots';
import { backoffDelayMs } from './backoff';
import { sendShot } from './send-shot';
import type { UploadStateStore } from './upload-state';

export interface UploadShotsDeps {
  db: QueueDb;
  fetch: typeof fetch;
  endpoint: string;
  ingestToken: string;
  state: UploadStateStore;
  now: () => number;
  random: () => number;
  maxPerRun?: number;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface UploadShotsReport {
  uploaded: number;
  refused: number;
  stopped: boolean;
}

/**
 * Sends queued shots oldest first, after the batches of the same run and
 * under the same backoff (upload-state). A shot is deleted only after its
 * receipt was validated; one the server refuses for good stays and is skipped.
 */
export async function uploadShots(deps: UploadShotsDeps): Promise<UploadShotsReport> {
  const report: UploadShotsReport = { uploaded: 0, refused: 0, stopped: false };
  const state = await deps.state.get();
  if (deps.now() < state.notBefore) return { ...report, stopped: true };
  for (const shot of await takeShots(deps.db, deps.maxPerRun ?? 50)) {
    const outcome = await sendShot({ ...deps, meta: shot.meta, image: shot.image });
    if (outcome.kind === 'ok') {
      await deleteUploadedShot(deps.db, [shot.sessionId, shot.page, shot.takenAt]);
      report.uploaded += 1;
      continue;
    }
    if (outcome.kind === 'invalid') {
      report.refused += 1;
      await recordLastError(deps.db, `a screenshot was refused: ${outcome.message}`, deps.now());
      continue;
    }
    const attempt = state.attempt + 1;
    const wait = outcome.kind === 'rateLimited' ? outcome.retryAfterMs : backoffDelayMs(attempt, deps.random);
    await deps.state.set({ attempt: outcome.kind === 'rateLimited' ? state.attempt : attempt, notBefore: deps.now() + wait });
    if (outcome.kind === 'retryable') {
      const msg = outcome.status === null ? outcome.message : `HTTP ${outcome.status}: ${outcome.message}`;
      await recordLastError(deps.db, `screenshot upload: ${msg}`, deps.now());
    }
    return { ...report, stopped: true };
  }
  return report;
}
