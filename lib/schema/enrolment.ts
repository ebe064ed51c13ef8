import { z } from 'zod';

/**
 * Per-install credentials (issue 16): the extension enrols with the
 * organisation's ingest token (now an enrolment token) and gets a credential
 * of its own, which it sends on every upload in INSTALL_CREDENTIAL_HEADER
 * (the Authorization header keeps the organisation token). The credential
 * names its install, so the server finds the stored hash without a scan:
 *   wtic1.<installId>.<43 base64url characters: 32 random bytes>
 */
export const INSTALL_CREDENTIAL_HEADER = 'webtrace-install-credential';
export const ENROL_ROUTE = '/v1/installs/enrol';
export const ROTATE_ROUTE = '/v1/installs/rotate';
export const adminCredentialRoute = (installId: string) => `/v1/admin/installs/${installId}/credential`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const INSTALL_CREDENTIAL_PATTERN = new RegExp(`^wtic1\\.(${UUID})\\.[A-Za-z0-9_-]{43}$`);

export const installCredentialSchema = z
  .string()
  .regex(INSTALL_CREDENTIAL_PATTERN, 'not an install credential (wtic1.<installId>.<secret>)');

/** The install a well-formed credential names, or null. */
export function credentialInstallId(credential: string): string | null {
  return INSTALL_CREDENTIAL_PATTERN.exec(credential)?.[1] ?? null;
}

/**
 * 401 codes about the credential itself: the extension drops it and enrols
 * again (its queued data stays). `install_credential_required`: none was sent
 * where the server requires one.
 */
export const CREDENTIAL_REFUSALS = [
  'install_credential_required',
  'install_credential_unknown',
  'install_credential_revoked',
  'install_credential_expired',
] as const;
export type CredentialRefusal = (typeof CREDENTIAL_REFUSALS)[number];

export const enrolRequestSchema = z.strictObject({
  installId: z.uuid('installId must be a UUID'),
  extensionVersion: z.string().min(1).max(50),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** Both enrol and rotate answer with a credential and its schedule (epoch ms). */
export const issuedCredentialSchema = z.strictObject({
  installId: z.uuid(),
  credential: installCredentialSchema,
  /** Refused from then on. */
  expiresAt: z.number().int().nonnegative(),
  /** The extension rotates once this has passed. */
  rotateAfter: z.number().int().nonnegative(),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;
export const enrolResponseSchema = issuedCredentialSchema;
export type EnrolResponse = IssuedCredential;

/** Rotate is authenticated by the credential header; the body names the install it is for. */
export const rotateRequestSchema = z.strictObject({ installId: z.uuid('installId must be a UUID') });
export type RotateRequest = z.infer<typeof rotateRequestSchema>;
export const rotateResponseSchema = issuedCredentialSchema.extend({
  /** Until when the credential that asked keeps working (the grace period). */
  previousValidUntil: z.number().int().nonnegative(),
});
export type RotateResponse = z.infer<typeof rotateResponseSchema>;

export const revokeResponseSchema = z.strictObject({ installId: z.uuid(), revokedAt: z.number().int().nonnegative() });
export type RevokeResponse = z.infer<typeof revokeResponseSchema>;

export const installCredentialModeSchema = z.enum(['required', 'optional']);
export type InstallCredentialMode = z.infer<typeof installCredentialModeSchema>;

/** What the extension keeps in storage.local (lib/platform/install-credential-store.ts): the credential and its schedule. */
export const heldCredentialSchema = issuedCredentialSchema;
export type HeldCredential = IssuedCredential;
