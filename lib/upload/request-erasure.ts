import { errorBodySchema } from '../schema/batch';
import { erasureConfirmationSchema, type ErasureConfirmation } from '../schema/erasure';
import { readJson } from './classify-response';
import { DEFAULT_SEND_TIMEOUT_MS } from './send-batch';

export type ErasureOutcome =
  | { kind: 'confirmed'; confirmation: ErasureConfirmation }
  /** In plain words, for My data. */
  | { kind: 'failed'; detail: string };

export interface ErasureRequest {
  fetch: typeof fetch;
  endpoint: string;
  installId: string;
  /** The install's erasure secret: the only place it is ever sent. */
  secret: string;
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** POST /v1/subjects/:installId/erase with the secret as bearer; only a parsed confirmation for this install counts. */
export async function requestErasure(req: ErasureRequest): Promise<ErasureOutcome> {
  const url = `${req.endpoint.replace(/\/+$/, '')}/v1/subjects/${encodeURIComponent(req.installId)}/erase`;
  let response: Response;
  try {
    response = await req.fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${req.secret}` },
      signal: (req.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)))(DEFAULT_SEND_TIMEOUT_MS),
      credentials: 'omit',
      redirect: 'manual',
    });
  } catch {
    return { kind: 'failed', detail: "Your organisation's server could not be reached. Nothing was deleted; try again later." };
  }
  const body = await readJson(response);
  if (response.status >= 200 && response.status < 300) {
    const parsed = erasureConfirmationSchema.safeParse(body);
    if (parsed.success && parsed.data.installId === req.installId) return { kind: 'confirmed', confirmation: parsed.data };
    return {
      kind: 'failed',
      detail: 'The server answered, but not with a confirmation of the deletion. Nothing was deleted here; try again later.',
    };
  }
  const error = errorBodySchema.safeParse(body);
  const said = error.success ? ` It said: ${error.data.message}` : '';
  if (response.status === 401)
    return {
      kind: 'failed',
      detail: `The server refused: it does not recognise this computer's deletion key (is your consent delivered yet?).${said}`,
    };
  return { kind: 'failed', detail: `The server refused the deletion (HTTP ${response.status || 'redirect'}).${said}` };
}
