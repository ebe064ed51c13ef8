import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');
const epochMs = z.number().int().nonnegative();

/**
 * What a store keeps of an install's credential (server/installs/): hashes
 * only, never the credential. `version` makes every change a compare-and-set
 * (two rotations racing: one wins). `previous` is the credential a rotation
 * replaced, honoured until validUntil (the grace period).
 */
export const storedInstallCredentialSchema = z.strictObject({
  installId: z.uuid(),
  version: z.int().min(1),
  current: z.strictObject({ sha256: sha256Hex, issuedAt: epochMs, expiresAt: epochMs, rotateAfter: epochMs }),
  previous: z.strictObject({ sha256: sha256Hex, validUntil: epochMs }).nullable(),
  revokedAt: epochMs.nullable(),
  extensionVersion: z.string().min(1).max(50),
});
export type StoredInstallCredential = z.infer<typeof storedInstallCredentialSchema>;
