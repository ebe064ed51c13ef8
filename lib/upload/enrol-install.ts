import { isRedirect, REDIRECT_MESSAGE } from './classify-response';
import { errorBodySchema } from '../schema/batch';
import {
  CREDENTIAL_REFUSALS,
  ENROL_ROUTE,
  enrolResponseSchema,
  INSTALL_CREDENTIAL_HEADER,
  ROTATE_ROUTE,
  rotateResponseSchema,
  type EnrolRequest,
  type HeldCredential,
} from '../schema/enrolment';
import { DEFAULT_SEND_TIMEOUT_MS } from './send-batch';

export interface EnrolIo {
  fetch: typeof fetch;
  /** The endpoint, without a trailing slash. */
  base: string;
  /** The organisation's token, "Bearer …", as the upload carried it. */
  authorization: string;
}

/** Thrown when no credential could be had; the upload that needed it fails like a network error and is retried. */
export class EnrolmentError extends Error {
  override name = 'EnrolmentError';
}

const post = (io: EnrolIo, route: string, body: unknown, extra: Record<string, string> = {}) =>
  io.fetch(`${io.base}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: io.authorization, ...extra },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(DEFAULT_SEND_TIMEOUT_MS),
    credentials: 'omit',
    redirect: 'manual',
  });

async function reason(response: Response): Promise<{ code: string | null; text: string }> {
  if (isRedirect(response)) return { code: null, text: REDIRECT_MESSAGE };
  const body = errorBodySchema.safeParse(await response.json().catch(() => null));
  return body.success
    ? { code: body.data.error, text: `${body.data.error}: ${body.data.message}` }
    : { code: null, text: `HTTP ${response.status}` };
}

/**
 * POST /v1/installs/enrol; null when the server has no enrolment (404); throws EnrolmentError with the
 * server's reason otherwise (a 409: an admin must revoke the install's credential first).
 */
export async function enrolInstall(io: EnrolIo, request: EnrolRequest): Promise<HeldCredential | null> {
  const response = await post(io, ENROL_ROUTE, request).catch((err: unknown) => {
    throw new EnrolmentError(`enrolment failed: network error: ${err instanceof Error ? err.message : String(err)}`);
  });
  // A server from before per-install credentials has no such route: uploads go with the organisation token alone.
  if (response.status === 404) return null;
  if (response.status !== 200) throw new EnrolmentError(`enrolment refused: ${(await reason(response)).text}`.slice(0, 1000));
  const parsed = enrolResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success || parsed.data.installId !== request.installId) {
    throw new EnrolmentError('enrolment failed: the server answered without a credential for this install');
  }
  return parsed.data;
}

export type RotateOutcome = { kind: 'issued'; credential: HeldCredential } | { kind: 'refused' } | { kind: 'failed' };

/** POST /v1/installs/rotate with the held credential: a new one; 'refused' when the server no longer takes the held one. */
export async function rotateCredential(io: EnrolIo, held: HeldCredential): Promise<RotateOutcome> {
  try {
    const response = await post(io, ROTATE_ROUTE, { installId: held.installId }, { [INSTALL_CREDENTIAL_HEADER]: held.credential });
    if (response.status === 200) {
      const parsed = rotateResponseSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success || parsed.data.installId !== held.installId) return { kind: 'failed' };
      const { installId, credential, expiresAt, rotateAfter } = parsed.data;
      return { kind: 'issued', credential: { installId, credential, expiresAt, rotateAfter } };
    }
    const { code } = await reason(response);
    const refused = response.status === 401 && code !== null && (CREDENTIAL_REFUSALS as readonly string[]).includes(code);
    return { kind: refused ? 'refused' : 'failed' };
  } catch {
    return { kind: 'failed' };
  }
}
