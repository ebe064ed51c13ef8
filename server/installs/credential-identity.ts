import type { FastifyRequest } from 'fastify';
import { credentialInstallId, INSTALL_CREDENTIAL_HEADER, type InstallCredentialMode } from '../../lib/schema/enrolment';
import { HttpError } from '../http/http-error';
import type { InstallIdentity } from '../auth/install-identity';
import { installErased } from '../lifecycle/install-gate';
import type { Store } from '../store/store';
import { checkCredential, isLive } from './credential-rules';

export interface VerifiedCredential {
  installId: string;
  credential: string;
  via: 'current' | 'previous';
}

const refused = (code: string, message: string) => new HttpError(401, code, message);

/** The request's install credential, checked against the store; null when it carries none. Throws 401 for a bad one. */
export async function requestCredential(request: FastifyRequest, store: Store, now: number): Promise<VerifiedCredential | null> {
  const raw = request.headers[INSTALL_CREDENTIAL_HEADER];
  if (raw === undefined) return null;
  const credential = Array.isArray(raw) ? raw.join(',') : raw.trim();
  const installId = credentialInstallId(credential);
  if (installId === null) {
    throw refused('install_credential_unknown', `the ${INSTALL_CREDENTIAL_HEADER} header is not an install credential; enrol again`);
  }
  const check = checkCredential(await store.installCredential(installId), credential, now);
  if (!check.ok) {
    // Erasure deletes the install's credential record: its uploads are answered 410 like any erased install's, so the
    // extension deletes them locally instead of enrolling (which would be refused) and keeping them forever.
    const tombstone = await store.tombstone(installId);
    if (tombstone) throw installErased(installId, tombstone.erasedAt);
    // Named so the person can quote it to the admin who resets it (the popup shows it).
    throw refused(check.code, `install ${installId}: ${check.message}`);
  }
  return { installId, credential, via: check.via };
}

/**
 * The request's credential, which must be `installId`'s own: none is 401
 * (install_credential_required, `needs` saying what for), another install's 403.
 * Rotation and the person's list of their uploads are authenticated by it.
 */
export async function ownCredential(
  request: FastifyRequest,
  store: Store,
  installId: string,
  now: number,
  needs: string,
): Promise<VerifiedCredential> {
  const verified = await requestCredential(request, store, now);
  if (verified === null)
    throw refused('install_credential_required', `${needs} the install's credential in the ${INSTALL_CREDENTIAL_HEADER} header`);
  if (verified.installId !== installId) {
    throw new HttpError(
      403,
      'install_credential_mismatch',
      `the install credential is for install ${verified.installId}, not ${installId}`,
    );
  }
  return verified;
}

/**
 * The install an upload may write as (server/auth/install-identity.ts):
 * the one its credential names, and an upload claiming another is refused
 * (403). Without a credential: refused in `required` mode; in `optional`
 * mode the claim is taken as before, except for an install enrolled with a
 * live credential, which only that credential may write.
 */
export function credentialIdentity(deps: { store: Store; mode: InstallCredentialMode; now: () => number }): InstallIdentity {
  return async (request, upload) => {
    const verified = await requestCredential(request, deps.store, deps.now());
    if (verified === null) {
      const enrol = `send the install credential in the ${INSTALL_CREDENTIAL_HEADER} header (enrol first: POST /v1/installs/enrol)`;
      if (deps.mode === 'required') throw refused('install_credential_required', `this server requires an install credential; ${enrol}`);
      const record = await deps.store.installCredential(upload.installId);
      if (record && isLive(record, deps.now())) {
        throw refused('install_credential_required', `install ${upload.installId} is enrolled; ${enrol}`);
      }
      return upload.installId;
    }
    if (verified.installId !== upload.installId) {
      throw new HttpError(
        403,
        'install_credential_mismatch',
        `the install credential is for install ${verified.installId}, but this upload claims install ${upload.installId}`,
      );
    }
    return verified.installId;
  };
}
