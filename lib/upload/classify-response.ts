import { batchReceiptSchema, errorBodySchema, type BatchReceipt } from '../schema/batch';
import { erasedAtOf, installErasedBodySchema } from '../schema/erasure';
import { parseRetryAfterMs } from './retry-after';

/** What one POST of a batch came to, as far as the uploader needs to act on it. */
export type SendOutcome =
  /** A receipt for exactly this batch: the server has every chunk of it. */
  | { kind: 'ok'; status: number; receipt: BatchReceipt }
  /** message: the server's reason, when it gave one (a session past its cap…). */
  | { kind: 'tooLarge'; status: number; message?: string }
  /** The server refuses these chunks for good (invalid, or not this install's to send): split, set aside. */
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'rateLimited'; status: number; retryAfterMs: number }
  | { kind: 'unauthorized'; status: number; message: string }
  /** 410 install_erased: the server erased this install; the chunks are deleted here (erasedAt from its answer). */
  | { kind: 'erased'; status: 410; erasedAt: number | null }
  /** status is null for a network error or timeout. */
  | { kind: 'retryable'; status: number | null; message: string };

/** What a 2xx must acknowledge: this batch, every chunk of it. */
export interface ExpectedReceipt {
  batchId: string;
  chunks: number;
}

const MAX_MESSAGE = 1000;

/**
 * 403 codes of the ingestion server that no retry can change (the session or
 * batch id belongs to another install): the chunks are set aside like a 400's.
 * Any other 403 (a proxy, a revoked token) is retried.
 */
const REFUSED_FOR_GOOD = new Set(['session_of_another_install', 'batch_id_reused', 'batch_id_of_another_install']);

export const REDIRECT_MESSAGE = 'the endpoint answered with a redirect, which is never followed: check the endpoint URL';

/** Every request to the endpoint is made with redirect: 'manual' (send-batch.ts, enrol-install.ts): a redirect is never followed. */
export const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);

export async function classifyResponse(response: Response, now: number, expected: ExpectedReceipt): Promise<SendOutcome> {
  const { status } = response;
  if (isRedirect(response)) return { kind: 'retryable', status: status || null, message: REDIRECT_MESSAGE };
  if (status >= 200 && status < 300) return receiptOutcome(status, await readJson(response), expected);
  if (status === 429) return { kind: 'rateLimited', status, retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After'), now) };
  const json = await readJson(response);
  // Only the server's own erasure answer, parsed, deletes anything; a bare 410 (a proxy's) is retried.
  const erased = status === 410 ? installErasedBodySchema.safeParse(json) : null;
  if (erased?.success) return { kind: 'erased', status: 410, erasedAt: erasedAtOf(erased.data) };
  const body = errorBodySchema.safeParse(json);
  const message = (body.success ? `${body.data.error}: ${body.data.message}` : `HTTP ${status}`).slice(0, MAX_MESSAGE);
  if (status === 413) return body.success ? { kind: 'tooLarge', status, message } : { kind: 'tooLarge', status };
  if (status === 400 || status === 422) return { kind: 'invalid', status, message };
  if (status === 403 && body.success && REFUSED_FOR_GOOD.has(body.data.error)) return { kind: 'invalid', status, message };
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, message };
  // 5xx, and any other status (404 from a wrong endpoint, 409, …): the data is not
  // at fault, so keep it and try again later rather than set it aside.
  return { kind: 'retryable', status, message };
}

/**
 * A 2xx counts only with the server's receipt for this very batch, covering
 * every chunk sent: a login page answering 200, a proxy's own 204, or a
 * receipt for something else deletes nothing.
 */
function receiptOutcome(status: number, body: unknown, expected: ExpectedReceipt): SendOutcome {
  const parsed = batchReceiptSchema.safeParse(body);
  const problem = !parsed.success
    ? 'not a batch receipt'
    : parsed.data.batchId !== expected.batchId
      ? `a receipt for another batch (${parsed.data.batchId.slice(0, 40)})`
      : parsed.data.stored + parsed.data.duplicates !== expected.chunks
        ? `a receipt for ${parsed.data.stored + parsed.data.duplicates} chunks, not the ${expected.chunks} sent`
        : null;
  if (problem === null && parsed.success) return { kind: 'ok', status, receipt: parsed.data };
  return {
    kind: 'retryable',
    status,
    message: `the endpoint answered ${status} with ${problem}: nothing is deleted until the server acknowledges the batch`,
  };
}

/** A fetch that threw: network failure, or our AbortSignal timing out. Both are retried. */
export function classifyFetchError(error: unknown): SendOutcome {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retryable', status: null, message: 'request timed out' };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retryable', status: null, message: `network error: ${message}`.slice(0, MAX_MESSAGE) };
}

/** 5xx answers that say the server failed on the batch (not "full" or "unavailable now", which are about the server). */
export function isServerFailure(outcome: SendOutcome): boolean {
  return (
    outcome.kind === 'retryable' && outcome.status !== null && outcome.status >= 500 && outcome.status !== 503 && outcome.status !== 507
  );
}

export async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return null;
  }
}
