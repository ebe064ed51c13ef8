import { classifyFetchError, classifyResponse, type SendOutcome } from './classify-response';

export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

export interface SendBatchRequest {
  fetch: typeof fetch;
  endpoint: string;
  ingestToken: string;
  batchId: string;
  /** The gzip-compressed JSON of the batch. */
  body: Uint8Array<ArrayBuffer>;
  /** How many chunks it holds: the receipt must acknowledge them all. */
  chunks: number;
  now: () => number;
  timeoutMs?: number;
  /** Makes the request's abort signal; injected so tests can time out without waiting. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** POSTs one batch and classifies the result. Never throws. */
export async function sendBatch(req: SendBatchRequest): Promise<SendOutcome> {
  const url = `${req.endpoint.replace(/\/+$/, '')}/v1/batches`;
  const makeSignal = req.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const signal = makeSignal(req.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS);
  try {
    const response = await req.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        Authorization: `Bearer ${req.ingestToken}`,
        'Idempotency-Key': req.batchId,
      },
      body: req.body,
      signal,
      // Credentials of the user's browsing session must never ride along.
      credentials: 'omit',
      // A redirect is never followed (a login page, another origin that would get the body without
      // the token): 'manual' rather than 'error' so the popup can say that a redirect was the reason.
      redirect: 'manual',
    });
    return await classifyResponse(response, req.now(), { batchId: req.batchId, chunks: req.chunks });
  } catch (error) {
    // Includes a timeout that fires while the response body is still being read.
    return classifyFetchError(error);
  }
}
