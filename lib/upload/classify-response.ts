import { batchReceiptSchema, errorBodySchema, type BatchReceipt } from '../schema/batch';
import { parseRetryAfterMs } from './retry-after';

/** What one POST of a batch came to, as far as the uploader needs to act on it. */
export type SendOutcome =
  /** receipt is null when a 2xx body did not parse: the server has the batch all the same. */
  | { kind: 'ok'; status: number; receipt: BatchReceipt | null }
  | { kind: 'tooLarge'; status: number }
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'rateLimited'; status: number; retryAfterMs: number }
  | { kind: 'unauthorized'; status: number; message: string }
  /** status is null for a network error or timeout. */
  | { kind: 'retryable'; status: number | null; message: string };

const MAX_MESSAGE = 1000;

export async function classifyResponse(response: Response, now: number): Promise<SendOutcome> {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const receipt = batchReceiptSchema.safeParse(await readJson(response));
    return { kind: 'ok', status, receipt: receipt.success ? receipt.data : null };
  }
  if (status === 413) return { kind: 'tooLarge', status };
  if (status === 429) return { kind: 'rateLimited', status, retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After'), now) };
  const message = await errorMessage(response);
  if (status === 400 || status === 422) return { kind: 'invalid', status, message };
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, message };
  // 5xx, and any other status (404 from a wrong endpoint, 409, …): the data is not
  // at fault, so keep it and try again later rather than set it aside.
  return { kind: 'retryable', status, message };
}

/** A fetch that threw: network failure, or our AbortSignal timing out. Both are retried. */
export function classifyFetchError(error: unknown): SendOutcome {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retryable', status: null, message: 'request timed out' };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retryable', status: null, message: `network error: ${message}`.slice(0, MAX_MESSAGE) };
}

async function errorMessage(response: Response): Promise<string> {
  const body = errorBodySchema.safeParse(await readJson(response));
  const text = body.success ? `${body.data.error}: ${body.data.message}` : `HTTP ${response.status}`;
  return text.slice(0, MAX_MESSAGE);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return null;
  }
}
