import { deleteSessions, type QueueDb } from '../queue';
import type { LoadedState } from '../platform/state-store';
import type { LoadedConfig } from '../rules/config/load-config';
import type { StoredErasureConfirmation } from '../schema/consent-outbox';
import type { ErasureAnswer } from '../schema/extension-messages';
import { requestErasure } from '../upload/request-erasure';
import type { ConsentReceipts } from './consent-receipts';

/** "Delete my uploaded recordings": the server erases, then this device forgets the old pseudonym. */
export interface EraseUploadsDeps {
  db: () => Promise<QueueDb>;
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  installId: () => Promise<string>;
  erasureSecret: () => Promise<string>;
  /** Writes a new install id and erasure secret together. */
  startNewPseudonym: () => Promise<{ installId: string }>;
  receipts: Pick<ConsentReceipts, 'deliver' | 'dropPendingOf' | 'record'>;
  saveConfirmation: (c: StoredErasureConfirmation) => Promise<void>;
  /** Ends the recordings in progress and forgets the tabs' sessions (lib/worker/end-recordings.ts). */
  endRecordings: () => Promise<void>;
  fetch: typeof fetch;
  now: () => number;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export async function eraseUploads(deps: EraseUploadsDeps): Promise<ErasureAnswer> {
  const [{ config }, installId, secret] = await Promise.all([deps.loadConfig(), deps.installId(), deps.erasureSecret()]);
  // The server knows the secret from the first receipt: deliver what is pending first.
  await deps.receipts.deliver();
  const outcome = await requestErasure({
    fetch: deps.fetch,
    endpoint: config.endpoint,
    installId,
    bearer: secret,
    timeoutSignal: deps.timeoutSignal,
  });
  if (outcome.kind === 'failed') return { ok: false, detail: outcome.detail, confirmation: null };

  const confirmation = { ...outcome.confirmation, receivedAt: deps.now() };
  await deps.saveConfirmation(confirmation);
  // Only now, with the server's confirmation parsed: what is still queued from before goes too,
  // after the recordings in progress ended, so no chunk of an old session follows.
  await deps.endRecordings();
  const local = await deleteSessions(await deps.db());
  await deps.receipts.dropPendingOf(installId);
  await deps.startNewPseudonym();
  // Still consenting: the new pseudonym needs its own grant (with the new secret's hash).
  if ((await deps.loadState()).state?.consent) await deps.receipts.record('grant');
  // The page shows the server's confirmation itself (lib/ui/render-erasure.ts): this says what happened here.
  const here =
    local.sessions === 0
      ? 'Nothing was waiting here'
      : `${local.sessions} recording${local.sessions === 1 ? '' : 's'} not yet uploaded ${local.sessions === 1 ? 'was' : 'were'} deleted here too`;
  return {
    ok: true,
    detail: `${here}. From now on this computer uses a new random identifier.`,
    confirmation,
  };
}
