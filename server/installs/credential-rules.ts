import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CredentialRefusal } from '../../lib/schema/enrolment';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import type { CredentialPolicy } from '../settings/credential-schedule';

/** A new credential for the install: 32 random bytes, base64url (see lib/schema/enrolment.ts for the format). */
export function mintCredential(installId: string, random: (n: number) => Buffer = randomBytes): string {
  return `wtic1.${installId}.${random(32).toString('base64url')}`;
}

/** The only form a credential is stored in. */
export function credentialSha256(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** Live: not revoked and not expired; enrolling such an install again is refused (install-routes.ts). */
export function isLive(record: StoredInstallCredential, now: number): boolean {
  return record.revokedAt === null && now < record.current.expiresAt;
}

export type CredentialCheck = { ok: true; via: 'current' | 'previous' } | { ok: false; code: CredentialRefusal; message: string };

/** Whether this credential may act for the install the record is of, at `now`. */
export function checkCredential(record: StoredInstallCredential | null, credential: string, now: number): CredentialCheck {
  const enrolAgain = 'enrol again (POST /v1/installs/enrol)';
  if (record === null) return { ok: false, code: 'install_credential_unknown', message: `this install is not enrolled; ${enrolAgain}` };
  const sha = credentialSha256(credential);
  const isCurrent = sameHash(sha, record.current.sha256);
  const isPrevious = record.previous !== null && sameHash(sha, record.previous.sha256);
  if (!isCurrent && !isPrevious) {
    return { ok: false, code: 'install_credential_unknown', message: `the install credential is not this install's; ${enrolAgain}` };
  }
  if (record.revokedAt !== null) {
    return { ok: false, code: 'install_credential_revoked', message: `the install credential was revoked by an admin; ${enrolAgain}` };
  }
  if (isCurrent) {
    if (now >= record.current.expiresAt) {
      return { ok: false, code: 'install_credential_expired', message: `the install credential has expired; ${enrolAgain}` };
    }
    return { ok: true, via: 'current' };
  }
  if (now >= record.previous!.validUntil) {
    return { ok: false, code: 'install_credential_unknown', message: `the install credential was rotated out; ${enrolAgain}` };
  }
  return { ok: true, via: 'previous' };
}

/** A first (or, after a revocation or expiry, a fresh) credential; `before` is the record it replaces. */
export function enrolled(
  before: StoredInstallCredential | null,
  at: { installId: string; extensionVersion: string; sha256: string; now: number },
  policy: CredentialPolicy,
): StoredInstallCredential {
  return {
    installId: at.installId,
    version: (before?.version ?? 0) + 1,
    current: schedule(at.sha256, at.now, policy),
    previous: null,
    revokedAt: null,
    extensionVersion: at.extensionVersion,
  };
}

/**
 * The credential replaced by a new one. Rotating with the current one starts
 * its grace period; rotating with the previous one (the answer to the last
 * rotation was lost) keeps that one's grace period, never extends it.
 */
export function rotated(
  before: StoredInstallCredential,
  via: 'current' | 'previous',
  sha256: string,
  now: number,
  policy: CredentialPolicy,
): StoredInstallCredential {
  const previous = via === 'current' ? { sha256: before.current.sha256, validUntil: now + policy.graceMs } : before.previous!;
  return { ...before, version: before.version + 1, current: schedule(sha256, now, policy), previous };
}

export function revoked(before: StoredInstallCredential, now: number): StoredInstallCredential {
  return { ...before, version: before.version + 1, revokedAt: now };
}

function schedule(sha256: string, now: number, policy: CredentialPolicy): StoredInstallCredential['current'] {
  return { sha256, issuedAt: now, expiresAt: now + policy.lifetimeMs, rotateAfter: now + policy.rotateAfterMs };
}
