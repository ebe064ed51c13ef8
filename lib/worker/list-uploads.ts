import type { LoadedConfig } from '../rules/config/load-config';
import type { UploadsAnswer } from '../schema/extension-messages';
import { requestMyRecordings } from '../upload/request-my-recordings';

/**
 * My data's "Uploaded to <server>": what the server holds of this install, asked as an upload is, with the
 * ingest token and the install's own credential. Only the worker holds the credential: the page gets the answer.
 */
export interface ListUploadsDeps {
  loadConfig: () => Promise<LoadedConfig>;
  installId: () => Promise<string>;
  /** Adds the install credential, enrolling first when there is none (lib/upload/credential-fetch.ts). */
  fetch: typeof fetch;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export async function listUploads(deps: ListUploadsDeps): Promise<UploadsAnswer> {
  const [{ config }, installId] = await Promise.all([deps.loadConfig(), deps.installId()]);
  const outcome = await requestMyRecordings({
    fetch: deps.fetch,
    endpoint: config.endpoint,
    installId,
    bearer: config.ingestToken,
    timeoutSignal: deps.timeoutSignal,
  });
  const base = { installId, server: config.endpoint, recordings: null, erasedAt: null, detail: null };
  if (outcome.kind === 'listed') return { ...base, recordings: outcome.recordings };
  if (outcome.kind === 'erased') return { ...base, erasedAt: outcome.erasedAt ?? 0 };
  return { ...base, detail: outcome.detail };
}
