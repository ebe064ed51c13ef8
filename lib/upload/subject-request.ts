import { errorBodySchema } from '../schema/batch';
import { readJson } from './classify-response';
import { EnrolmentError } from './enrol-install';
import { DEFAULT_SEND_TIMEOUT_MS } from './send-batch';

/**
 * A request of the person's own routes (/v1/subjects/:installId/…). The erasure is authenticated by the install's
 * erasure secret; the list by the ingest token plus the install credential, which `fetch` adds (credential-fetch.ts).
 */
export interface SubjectRequest {
  fetch: typeof fetch;
  endpoint: string;
  installId: string;
  /** The bearer token, sent only to the install's own server: the erasure secret, or the ingest token. */
  bearer: string;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface SubjectResponse {
  status: number;
  /** The parsed JSON body, or undefined. */
  body: unknown;
  /** " It said: <the server's message>" when the body is an error body, else "". */
  said: string;
}

/**
 * Sends it; null when the server could not be reached (or did not answer in time). No credential to be had
 * (the enrolment was refused) is answered as the 401 it stands for, with the refusal as what the server said.
 */
export async function sendSubjectRequest(
  req: SubjectRequest,
  method: 'GET' | 'POST',
  path: 'erase' | 'recordings',
): Promise<SubjectResponse | null> {
  const url = `${req.endpoint.replace(/\/+$/, '')}/v1/subjects/${encodeURIComponent(req.installId)}/${path}`;
  let response: Response;
  try {
    response = await req.fetch(url, {
      method,
      headers: { Authorization: `Bearer ${req.bearer}` },
      signal: (req.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)))(DEFAULT_SEND_TIMEOUT_MS),
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch (err) {
    return err instanceof EnrolmentError ? { status: 401, body: undefined, said: ` It said: ${err.message}` } : null;
  }
  const body = await readJson(response);
  const error = errorBodySchema.safeParse(body);
  return { status: response.status, body, said: error.success ? ` It said: ${error.data.message}` : '' };
}

/** A 2xx body that parses and is about this install, else null (a server answering for another install is not believed). */
export function ownAnswer<T extends { installId: string }>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  response: SubjectResponse,
  installId: string,
): T | null {
  if (response.status < 200 || response.status >= 300) return null;
  const parsed = schema.safeParse(response.body);
  return parsed.success && parsed.data.installId === installId ? parsed.data : null;
}
