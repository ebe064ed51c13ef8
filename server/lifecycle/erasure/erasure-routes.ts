import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { subjectParamsSchema, type ErasureConfirmation } from '../../../lib/schema/erasure';
import { bearerToken, requireRole, unauthorized } from '../../auth/require-role';
import { parseOr400 } from '../../http/parse-request';
import { registeredSecretSha256 } from '../consent/active-grant';
import type { LifecycleDeps } from '../lifecycle-deps';
import { eraseInstall } from './erase-install';

export const ADMIN_ERASE_ROUTE = '/v1/subjects/:installId';
export const SELF_ERASE_ROUTE = '/v1/subjects/:installId/erase';

/**
 * DELETE /v1/subjects/:installId (admin token), and
 * POST /v1/subjects/:installId/erase with the install's erasure secret as the
 * bearer token: its sha256 must equal the one registered with the install's
 * first consent receipt. Both answer with an ErasureConfirmation.
 */
export async function erasureRoutes(app: FastifyInstance, deps: LifecycleDeps): Promise<void> {
  app.delete(ADMIN_ERASE_ROUTE, { onRequest: requireRole(deps.tokens, 'admin') }, async (request): Promise<ErasureConfirmation> => {
    const { installId } = parseOr400(subjectParamsSchema, request.params, 'invalid_install_id');
    const confirmation = await eraseInstall(deps, installId, { role: 'admin', tokenHash: request.caller?.tokenHash });
    request.log.info({ installId, sessions: confirmation.sessionsDeleted }, 'install erased by an admin');
    return confirmation;
  });

  app.post(SELF_ERASE_ROUTE, async (request): Promise<ErasureConfirmation> => {
    const { installId } = parseOr400(subjectParamsSchema, request.params, 'invalid_install_id');
    const secret = bearerToken(request);
    if (secret === null)
      throw unauthorized(`missing "Authorization: Bearer <erasure secret>"; this endpoint needs the install's erasure secret`);
    const registered = registeredSecretSha256(await deps.store.consentReceipts(installId));
    const given = createHash('sha256').update(secret, 'utf8').digest();
    // Compared as digests, in constant time; an install that registered none cannot be erased this way.
    if (registered === null || !timingSafeEqual(given, Buffer.from(registered, 'hex'))) {
      throw unauthorized(`not the erasure secret registered for install ${installId}`);
    }
    const confirmation = await eraseInstall(deps, installId, { role: 'install' as const, tokenHash: given.toString('hex').slice(0, 8) });
    request.log.info({ installId, sessions: confirmation.sessionsDeleted }, 'install erased at its own request');
    return confirmation;
  });
}
