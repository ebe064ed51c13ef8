import type { QueueDb } from '../queue/open-queue-db';
import type { Config } from '../schema/config';
import type { SendOutcome } from './classify-response';
import type { UploadStateStore } from './upload-state';

/** What an upload run needs and what it reports (lib/upload/upload-pending.ts runs it). */
export interface UploadDeps {
  db: QueueDb;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  config: Config;
  installId: string;
  extensionVersion: string;
  /** The consent version the install holds a grant for, named on every batch (undefined: none held). */
  consentVersion?: string;
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
