import type { FastifyInstance } from 'fastify';
import { subjectParamsSchema } from '../../lib/schema/erasure';
import type { UploadedRecordings } from '../../lib/schema/my-recordings';
import { recordReadOr503 } from '../audit/record-read';
import { requireRole } from '../auth/require-role';
import { tokenHash } from '../auth/token-hash';
import { parseOr400 } from '../http/parse-request';
import { ownCredential } from './credential-identity';
import { installErased } from '../lifecycle/install-gate';
import type { LifecycleDeps } from '../lifecycle/lifecycle-deps';
import { groupRecordings, type RecordingFacts } from '../lifecycle/erasure/group-recordings';

export const SUBJECT_RECORDINGS_ROUTE = '/v1/subjects/:installId/recordings';

/**
 * GET /v1/subjects/:installId/recordings, authenticated as an upload is: the
 * organisation's ingest token as the bearer and the install's own credential
 * (issue 16) in its header. What the server holds of the install, per site and
 * UTC day (the extension's My data page). 400 for a bad id, 401 for a missing,
 * revoked or expired credential, 403 for another install's, 410 for an erased
 * install. (Erasing itself still takes the erasure secret: erasure-routes.ts.) Every answered read is in the audit log (ids and
 * counts only); a read that cannot be logged is not answered (503).
 * `deps.store` should be the read API's (hideExpired): expired sessions are gone for the person too.
 */
export async function subjectRecordingsRoute(
  app: FastifyInstance,
  deps: Pick<LifecycleDeps, 'store' | 'audit' | 'tokens' | 'now'>,
): Promise<void> {
  app.get(SUBJECT_RECORDINGS_ROUTE, { onRequest: requireRole(deps.tokens, 'ingest') }, async (request): Promise<UploadedRecordings> => {
    const { installId } = parseOr400(subjectParamsSchema, request.params, 'invalid_install_id');
    // An erased install's credential record is gone: that check answers 410 itself (credential-identity.ts).
    const verified = await ownCredential(request, deps.store, installId, deps.now(), 'listing the uploads of an install needs');
    const actor = { role: 'install' as const, tokenHash: tokenHash(verified.credential) };
    const tombstone = await deps.store.tombstone(installId);
    if (tombstone) throw installErased(installId, tombstone.erasedAt);
    const answer = groupRecordings(installId, await factsOf(deps.store, installId));
    await recordReadOr503(deps.audit, request, {
      action: 'subject.read',
      actor,
      ids: [installId],
      counts: { sessions: answer.totals.recordings },
    });
    return answer;
  });
}

/** The install's sessions (those known only from shots included), each with its shots counted and their bytes added. */
async function factsOf(store: LifecycleDeps['store'], installId: string): Promise<RecordingFacts[]> {
  const sessions = await store.listSessions({ installId });
  const shotOnly = (await store.listShotOnlySessions()).filter((s) => s.installId === installId);
  const facts: RecordingFacts[] = [];
  const withShots = async (s: { id: string; site: string; startedAt: number }, endedAt: number, chunkBytes: number) => {
    const shots = await store.listShots(s.id);
    facts.push({
      site: s.site,
      startedAt: s.startedAt,
      endedAt: Math.max(endedAt, ...shots.map((shot) => shot.takenAt)),
      bytes: chunkBytes + shots.reduce((n, shot) => n + shot.image.bytes, 0),
      screenshots: shots.length,
    });
  };
  for (const s of sessions) await withShots(s, s.endedAt, s.bytes);
  for (const s of shotOnly) await withShots(s, s.startedAt, 0);
  return facts;
}
