import type { QueueDb } from '../queue';
import { recordInstallErased } from '../queue/counters';
import type { ConsentOutboxStore } from '../platform/consent-outbox-store';
import type { createErasureConfirmationStore } from '../platform/erasure-confirmation-store';
import type { Pseudonym } from '../platform/pseudonym';
import type { LoadedState } from '../platform/state-store';
import type { LoadedConfig } from '../rules/config/load-config';
import { createConsentReceipts, type ConsentReceipts } from './consent-receipts';
import { eraseUploads } from './erase-uploads';
import { listUploads } from './list-uploads';
import type { ConsentLifecycle } from './request-handlers';

/** The extension half of issue 16, wired: consent receipts out, and "Delete my uploaded recordings". */
export interface ConsentLifecycleDeps {
  db: () => Promise<QueueDb>;
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  pseudonym: Pseudonym;
  outbox: ConsentOutboxStore;
  erasureConfirmation: ReturnType<typeof createErasureConfirmationStore>;
  readPolicy: () => Promise<Record<string, unknown>>;
  extensionVersion: string;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  log: (message: string, detail?: unknown) => void;
  endRecordings: () => Promise<void>;
}

export function createConsentLifecycle(
  deps: ConsentLifecycleDeps,
): Omit<ConsentLifecycle, 'recordReceipt'> & { deliverReceipts: ConsentReceipts['deliver']; recordReceipt: ConsentReceipts['record'] } {
  const receipts = createConsentReceipts({
    ...deps,
    installId: deps.pseudonym.installId,
    erasureSecret: deps.pseudonym.erasureSecret,
    newId: () => crypto.randomUUID(),
    // A receipt's 410 says what a batch's would: the server erased this install (My data shows when).
    onErased: async (erasedAt) => recordInstallErased(await deps.db(), erasedAt),
  });
  return {
    deliverReceipts: receipts.deliver,
    recordReceipt: receipts.record,
    receiptsRefused: receipts.setAside,
    lastErasure: () => deps.erasureConfirmation.load(),
    eraseUploads: () =>
      eraseUploads({
        ...deps,
        installId: deps.pseudonym.installId,
        erasureSecret: deps.pseudonym.erasureSecret,
        startNewPseudonym: deps.pseudonym.renew,
        receipts,
        saveConfirmation: (c) => deps.erasureConfirmation.save(c),
      }),
    listUploads: () => listUploads({ ...deps, installId: deps.pseudonym.installId }),
  };
}
