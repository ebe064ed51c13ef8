import { erasureConfirmationSchema, type ErasureConfirmation } from '../schema/erasure';
import { ownAnswer, sendSubjectRequest, type SubjectRequest } from './subject-request';

export type ErasureOutcome =
  | { kind: 'confirmed'; confirmation: ErasureConfirmation }
  /** In plain words, for My data. */
  | { kind: 'failed'; detail: string };

export type ErasureRequest = SubjectRequest;

/** POST /v1/subjects/:installId/erase with the erasure secret as `req.bearer`; only a parsed confirmation for this install counts. */
export async function requestErasure(req: ErasureRequest): Promise<ErasureOutcome> {
  const response = await sendSubjectRequest(req, 'POST', 'erase');
  if (response === null)
    return { kind: 'failed', detail: "Your organisation's server could not be reached. Nothing was deleted; try again later." };
  const { status, said } = response;
  const confirmation = ownAnswer(erasureConfirmationSchema, response, req.installId);
  if (confirmation) return { kind: 'confirmed', confirmation };
  if (status >= 200 && status < 300)
    return {
      kind: 'failed',
      detail: 'The server answered, but not with a confirmation of the deletion. Nothing was deleted here; try again later.',
    };
  if (status === 401)
    return {
      kind: 'failed',
      detail: `The server refused: it does not recognise this computer's deletion key (is your consent delivered yet?).${said}`,
    };
  return { kind: 'failed', detail: `The server refused the deletion (HTTP ${status || 'redirect'}).${said}` };
}
