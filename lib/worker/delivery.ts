import type { QueueDb } from '../queue';
import type { ConfigSource } from '../platform/config-source';
import type { Result } from '../schema/extension-messages';
import { createUploadScheduler, uploadPending, type UploadRunReport, type UploadStateStore } from '../upload';
import { sweepQueue } from './sweep-queue';
import { uploadShots } from '../upload/upload-shots';

/** Delivery: the upload run (after the queue's sweep), its scheduling, and the person's "upload now". */
export interface DeliveryDeps {
  db: () => Promise<QueueDb>;
  config: ConfigSource;
  uploadState: UploadStateStore;
  /** Read per run: "Delete my uploaded recordings" gives the install a new id. */
  installId: () => Promise<string>;
  /** Sent before the batches of every run (the consent receipts, which the server may require first); skipWait after "upload now". */
  sendFirst?: (opts: { skipWait: boolean }) => Promise<void>;
  extensionVersion: string;
  /** Read per run: the consent version the install holds a grant for, named on its batches. */
  consentVersion?: () => Promise<string | undefined>;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  log: (message: string, detail?: unknown) => void;
}

/** The run's report when the policy is unusable: nowhere trustworthy to send to, so data waits. */
const WAITING: UploadRunReport = {
  status: 'backingOff',
  batchesUploaded: 0,
  chunksUploaded: 0,
  chunksSetAside: 0,
  requests: 0,
  dropsReported: 0,
  notBefore: 0,
};

export function createDelivery(deps: DeliveryDeps) {
  let lastReport: UploadRunReport | null = null;
  let skipWaitOnce = false;
  const scheduler = createUploadScheduler({
    run: async () => {
      const loaded = await deps.config.load();
      if (loaded.blocked) return WAITING;
      const skipWait = skipWaitOnce;
      skipWaitOnce = false;
      await deps.sendFirst?.({ skipWait });
      const db = await deps.db();
      await sweepQueue(db, loaded.config, deps.now(), deps.log);
      const batches = await uploadPending({
        db,
        fetch: deps.fetch,
        now: deps.now,
        random: deps.random,
        config: loaded.config,
        installId: await deps.installId(),
        extensionVersion: deps.extensionVersion,
        consentVersion: await deps.consentVersion?.(),
        state: deps.uploadState,
      });
      // Screenshots go after the batches they belong to, only when those got through.
      if (batches.status === 'drained' || batches.status === 'budgetExhausted') {
        const { endpoint, ingestToken } = loaded.config;
        await uploadShots({ db, fetch: deps.fetch, endpoint, ingestToken, state: deps.uploadState, now: deps.now, random: deps.random });
      }
      return batches;
    },
    uploadConfig: () => deps.config.current().config.upload,
    onReport: (report) => (lastReport = report),
    onError: (err) => deps.log('upload run failed', err),
    now: deps.now,
  });

  return {
    trigger: () => scheduler.trigger(),
    notifyQueued: (pendingBytes: number) => scheduler.notifyQueued(pendingBytes),
    /** Runs an upload now, skipping any backoff wait once. */
    async uploadNow(): Promise<Result> {
      const state = await deps.uploadState.get();
      await deps.uploadState.set({ ...state, notBefore: 0 });
      skipWaitOnce = true;
      await scheduler.trigger();
      const report = lastReport;
      return report
        ? { ok: report.status === 'drained' || report.status === 'budgetExhausted', detail: `upload ${report.status}` }
        : { ok: false, detail: 'upload did not run' };
    },
  };
}
export type Delivery = ReturnType<typeof createDelivery>;
