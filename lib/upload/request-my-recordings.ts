import { installErasedBodySchema, erasedAtOf } from '../schema/erasure';
import { uploadedRecordingsSchema, type UploadedRecordings } from '../schema/my-recordings';
import { ownAnswer, sendSubjectRequest, type SubjectRequest } from './subject-request';

export type MyRecordingsOutcome =
  | { kind: 'listed'; recordings: UploadedRecordings }
  /** The server erased this install (410): it holds nothing more of it. */
  | { kind: 'erased'; erasedAt: number | null }
  /** In plain words, for My data: what went wrong and what to do. */
  | { kind: 'failed'; detail: string };

/**
 * GET /v1/subjects/:installId/recordings with the ingest token as bearer and the install credential (added by
 * `req.fetch`, lib/upload/credential-fetch.ts); only a parsed list of this install counts.
 */
export async function requestMyRecordings(req: SubjectRequest): Promise<MyRecordingsOutcome> {
  const response = await sendSubjectRequest(req, 'GET', 'recordings');
  if (response === null)
    return {
      kind: 'failed',
      detail: "Your organisation's server could not be reached, so your uploads cannot be listed. Try again later.",
    };
  const { status, body, said } = response;
  const recordings = ownAnswer(uploadedRecordingsSchema, response, req.installId);
  if (recordings) return { kind: 'listed', recordings };
  if (status >= 200 && status < 300)
    return {
      kind: 'failed',
      detail: 'The server answered, but not with a list of your uploads. Try again later, or ask your administrator.',
    };
  if (status === 410) {
    const erased = installErasedBodySchema.safeParse(body);
    return { kind: 'erased', erasedAt: erased.success ? erasedAtOf(erased.data) : null };
  }
  if (status === 401 || status === 403)
    return {
      kind: 'failed',
      detail:
        "The server did not accept this computer's credentials, so it cannot list your uploads. " +
        `Try again later; if this persists, ask your administrator to check the extension's settings.${said}`,
    };
  return { kind: 'failed', detail: `The server could not list your uploads (HTTP ${status || 'redirect'}). Try again later.${said}` };
}
