import { errorBodySchema } from '../schema/batch';
import { consentReceiptAckSchema, type ConsentReceipt } from '../schema/consent-receipt';
import { erasedAtOf, installErasedBodySchema } from '../schema/erasure';
import { readJson } from './classify-response';
import { DEFAULT_SEND_TIMEOUT_MS } from './send-batch';

/** What one POST of a consent receipt came to. */
export type ReceiptOutcome =
  /** The server's ack for exactly this receipt: it is stored (now or before). */
  | { kind: 'ok' }
  /** 410: the install was erased on the server; the receipt cannot be stored any more. */
  | { kind: 'erased'; erasedAt: number | null }
  /** Any other 4xx (but 408/429): no resend changes it; kept aside and shown. */
  | { kind: 'refused'; status: number; message: string }
  /** Network, timeout, 5xx, 408/429, a redirect or a 2xx without this receipt's ack: sent again later. */
  | { kind: 'retryable'; message: string };

export interface SendReceiptRequest {
  fetch: typeof fetch;
  endpoint: string;
  ingestToken: string;
  receipt: ConsentReceipt;
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** POSTs one receipt to /v1/consent-receipts and classifies the answer. Never throws. */
export async function sendConsentReceipt(req: SendReceiptRequest): Promise<ReceiptOutcome> {
  const url = `${req.endpoint.replace(/\/+$/, '')}/v1/consent-receipts`;
  try {
    const response = await req.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${req.ingestToken}` },
      body: JSON.stringify(req.receipt),
      signal: (req.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)))(DEFAULT_SEND_TIMEOUT_MS),
      credentials: 'omit',
      redirect: 'manual',
    });
    return classifyReceiptResponse(response.status, await readJson(response), req.receipt.receiptId);
  } catch (error) {
    return { kind: 'retryable', message: `network error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000) };
  }
}

export function classifyReceiptResponse(status: number, body: unknown, receiptId: string): ReceiptOutcome {
  if (status >= 200 && status < 300) {
    const ack = consentReceiptAckSchema.safeParse(body);
    if (ack.success && ack.data.receiptId === receiptId) return { kind: 'ok' };
    return { kind: 'retryable', message: `the server answered ${status} without this receipt's acknowledgement` };
  }
  if (status === 410) {
    const erased = installErasedBodySchema.safeParse(body);
    if (erased.success) return { kind: 'erased', erasedAt: erasedAtOf(erased.data) };
    // A 410 that is not the server's erasure answer (a proxy's) proves nothing: try again.
    return { kind: 'retryable', message: 'HTTP 410 without the server\'s "install_erased" answer' };
  }
  const parsed = errorBodySchema.safeParse(body);
  const message = (parsed.success ? `${parsed.data.error}: ${parsed.data.message}` : `HTTP ${status}`).slice(0, 1000);
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: 'refused', status, message };
  return {
    kind: 'retryable',
    message: status === 0 || (status >= 300 && status < 400) ? 'the endpoint answered with a redirect' : message,
  };
}
