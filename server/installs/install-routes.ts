import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditSink } from '../../lib/schema/audit-entry';
import {
  ENROL_ROUTE,
  enrolRequestSchema,
  ROTATE_ROUTE,
  rotateRequestSchema,
  type EnrolResponse,
  type RevokeResponse,
  type RotateResponse,
} from '../../lib/schema/enrolment';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import { requireRole } from '../auth/require-role';
import { tokenHash } from '../auth/token-hash';
import type { TokenRegistry } from '../auth/token-registry';
import { HttpError } from '../http/http-error';
import { parseOr400 } from '../http/parse-request';
import { checkInstallMayUpload } from '../lifecycle/install-gate';
import type { Store } from '../store/store';
import { ownCredential } from './credential-identity';
import { credentialSha256, enrolled, isLive, mintCredential, revoked, rotated } from './credential-rules';
import type { CredentialPolicy } from '../settings/credential-schedule';

export interface InstallRoutesDeps {
  store: Store;
  tokens: TokenRegistry;
  policy: CredentialPolicy;
  now: () => number;
  audit: AuditSink;
  random?: (n: number) => Buffer;
}

const paramsSchema = z.object({ installId: z.uuid('installId must be a UUID') });

const lostRace = (installId: string) =>
  new HttpError(409, 'install_credential_changed', `the credential of install ${installId} changed meanwhile; try again`);

/**
 * Per-install credentials (issue 16):
 *   POST /v1/installs/enrol    ingest token: a credential for an install with no live one
 *   POST /v1/installs/rotate   ingest token + the install's credential: a new one; the old works for the grace period
 *   DELETE /v1/admin/installs/:installId/credential   admin token: revokes (the install may then enrol again)
 * Enrolling an install that has a live credential is refused (409): holding
 * the organisation token is not enough to take an install over. All three are
 * audited with ids and token hashes only.
 */
export async function installRoutes(app: FastifyInstance, deps: InstallRoutesDeps): Promise<void> {
  const { store } = deps;
  const mint = (installId: string) => mintCredential(installId, deps.random);

  app.post(ENROL_ROUTE, { onRequest: requireRole(deps.tokens, 'ingest') }, async (request): Promise<EnrolResponse> => {
    const { installId, extensionVersion } = parseOr400(enrolRequestSchema, request.body, 'invalid_enrolment');
    await checkInstallMayUpload(store, installId, false);
    const now = deps.now();
    const before = await store.installCredential(installId);
    if (before && isLive(before, now)) {
      throw new HttpError(
        409,
        'install_already_enrolled',
        `install ${installId} already has a live credential; an admin must revoke it (DELETE /v1/admin/installs/${installId}/credential) before it can enrol again`,
      );
    }
    const credential = mint(installId);
    const record = enrolled(before, { installId, extensionVersion, sha256: credentialSha256(credential), now }, deps.policy);
    if (!(await store.putInstallCredential(record))) throw lostRace(installId);
    await deps.audit({ action: 'install.enrol', actor: request.caller!, ids: [installId] });
    return issued(record, credential);
  });

  app.post(ROTATE_ROUTE, { onRequest: requireRole(deps.tokens, 'ingest') }, async (request): Promise<RotateResponse> => {
    const { installId } = parseOr400(rotateRequestSchema, request.body, 'invalid_rotation');
    const verified = await ownCredential(request, store, installId, deps.now(), 'rotating needs');
    const before = (await store.installCredential(installId))!;
    const credential = mint(installId);
    const record = rotated(before, verified.via, credentialSha256(credential), deps.now(), deps.policy);
    if (!(await store.putInstallCredential(record))) throw lostRace(installId);
    await deps.audit({
      action: 'install.rotate',
      actor: { role: 'install', tokenHash: tokenHash(verified.credential) },
      ids: [installId],
    });
    return { ...issued(record, credential), previousValidUntil: record.previous!.validUntil };
  });

  const adminRoute = '/v1/admin/installs/:installId/credential';
  app.delete(adminRoute, { onRequest: requireRole(deps.tokens, 'admin') }, async (request): Promise<RevokeResponse> => {
    const { installId } = parseOr400(paramsSchema, request.params, 'invalid_install_id');
    const before = await store.installCredential(installId);
    if (before === null) throw new HttpError(404, 'install_not_enrolled', `install ${installId} has no credential to revoke`);
    if (before.revokedAt !== null) return { installId, revokedAt: before.revokedAt };
    const record = revoked(before, deps.now());
    if (!(await store.putInstallCredential(record))) throw lostRace(installId);
    await deps.audit({ action: 'install.revoke', actor: request.caller!, ids: [installId] });
    return { installId, revokedAt: record.revokedAt! };
  });
}

function issued(record: StoredInstallCredential, credential: string): EnrolResponse {
  return { installId: record.installId, credential, expiresAt: record.current.expiresAt, rotateAfter: record.current.rotateAfter };
}
