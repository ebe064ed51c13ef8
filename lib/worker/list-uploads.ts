import type { LoadedConfig } from '../rules/config/load-config';
import type { UploadsAnswer } from '../schema/extension-messages';
import { requestMyRecordings } from '../upload/request-my-recordings';

/** My data's "Uploaded to <server>": what the server holds of this install, asked with the install's own secret. */
export interface ListUploadsDeps {
  loadConfig: () => Promise<LoadedConfig>;
  installId: () => Promise<string>;
  erasureSecret: () => Promise<string>;
  /** Consent receipts still pending go first: the server learns the secret from the first one. */
  deliverReceipts: () => Promise<void>;
  fetch: typeof fetch;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export async function listUploads(deps: ListUploadsDeps): Promise<UploadsAnswer> {
  const [{ config }, installId, secret] = await Promise.all([deps.loadConfig(), deps.installId(), deps.erasureSecret()]);
  await deps.deliverReceipts();
  const outcome = await requestMyRecordings({
    fetch: deps.fetch,
    endpoint: config.endpoint,
    installId,
    secret,
    timeoutSignal: deps.timeoutSignal,
  });
  const base = { installId, server: config.endpoint, recordings: null, erasedAt: null, detail: null };
  if (outcome.kind === 'listed') return { ...base, recordings: outcome.recordings };
  if (outcome.kind === 'erased') return { ...base, erasedAt: outcome.erasedAt ?? 0 };
  return { ...base, detail: outcome.detail };
}
