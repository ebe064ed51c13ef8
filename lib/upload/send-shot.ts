import { errorBodySchema } from '../schema/batch';
import { encodeShotMeta, SHOT_META_HEADER, SHOTS_ROUTE, shotReceiptSchema, type ShotMeta } from '../schema/screenshot';
import { DEFAULT_SEND_TIMEOUT_MS } from './send-batch';
import { parseRetryAfterMs } from './retry-after';

export type ShotSendOutcome =
  /** A receipt for exactly this shot and these bytes: the local copy may go. */
  | { kind: 'ok'; duplicate: boolean }
  /** Refused for good (400, 409 conflict, 413, 422): kept here, not retried in this run. */
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'rateLimited'; retryAfterMs: number }
  /** 5xx, 401/403, a redirect, a network error or timeout, a receipt that does not check out. */
  | { kind: 'retryable'; status: number | null; message: string };

export interface SendShotRequest {
  fetch: typeof fetch;
  endpoint: string;
  ingestToken: string;
  meta: ShotMeta;
  image: ArrayBuffer;
  now: () => number;
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** POSTs one redacted shot (lib/schema/screenshot.ts) and validates the receipt. Never throws. */
export async function sendShot(req: SendShotRequest): Promise<ShotSendOutcome> {
  const url = `${req.endpoint.replace(/\/+$/, '')}${SHOTS_ROUTE}`;
  const signal = (req.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms)))(DEFAULT_SEND_TIMEOUT_MS);
  try {
    const response = await req.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'image/webp',
        Authorization: `Bearer ${req.ingestToken}`,
        [SHOT_META_HEADER]: encodeShotMeta(req.meta),
      },
      body: req.image,
      signal,
      credentials: 'omit',
      redirect: 'manual',
    });
    return await classifyShotResponse(response, req);
  } catch (error) {
    return { kind: 'retryable', status: null, message: String((error as Error | null)?.message ?? error).slice(0, 300) };
  }
}

async function classifyShotResponse(response: Response, req: SendShotRequest): Promise<ShotSendOutcome> {
  const { status } = response;
  const json: unknown = await response.json().catch(() => null);
  if (status >= 200 && status < 300) {
    const receipt = shotReceiptSchema.safeParse(json);
    const { sessionId, page, takenAt } = req.meta;
    if (!receipt.success) return { kind: 'retryable', status, message: 'the shot receipt is not valid' };
    const r = receipt.data;
    if (r.sessionId !== sessionId || r.page !== page || r.takenAt !== takenAt) {
      return { kind: 'retryable', status, message: 'the shot receipt names another shot' };
    }
    if (r.sha256 !== (await sha256OfBytes(req.image))) return { kind: 'retryable', status, message: 'the shot receipt has another hash' };
    return { kind: 'ok', duplicate: r.duplicate };
  }
  if (status === 429) return { kind: 'rateLimited', retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After'), req.now()) };
  const body = errorBodySchema.safeParse(json);
  const message = (body.success ? `${body.data.error}: ${body.data.message}` : `HTTP ${status}`).slice(0, 1000);
  if ([400, 409, 413, 422].includes(status)) return { kind: 'invalid', status, message };
  return { kind: 'retryable', status: status || null, message };
}

async function sha256OfBytes(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
