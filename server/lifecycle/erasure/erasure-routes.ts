import type { FastifyInstance } from 'fastify';
import { subjectParamsSchema, type ErasureConfirmation } from '../../../lib/schema/erasure';
import { requireRole } from '../../auth/require-role';
import { parseOr400 } from '../../http/parse-request';
import type { LifecycleDeps } from '../lifecycle-deps';
import { eraseInstall } from './erase-install';
import { verifyErasureSecret } from './verify-erasure-secret';

export const ADMIN_ERASE_ROUTE = '/v1/subjects/:installId';
export const SELF_ERASE_ROUTE = '/v1/subjects/:installId/erase';

/**
 * DELETE /v1/subjects/:installId (admin token), and
 * POST /v1/subjects/:installId/erase with the install's erasure secret as the
 * bearer token (verify-erasure-secret.ts). Both answer with an ErasureConfirmation.
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
    const actor = await verifyErasureSecret(request, deps.store, installId);
    const confirmation = await eraseInstall(deps, installId, actor);
    request.log.info({ installId, sessions: confirmation.sessionsDeleted }, 'install erased at its own request');
    return confirmation;
  });
}
