import { z } from 'zod';
import { consentVersionSchema } from './batch';

/**
 * A consent receipt (issue 16): what the person was shown and agreed to (or
 * withdrew from), uploaded by the extension to POST /v1/consent-receipts and
 * kept immutably on the server. Delivered like batches: resent under the same
 * `receiptId` until acknowledged, stored once.
 */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 as 64 lowercase hex digits');

export const consentReceiptSchema = z.strictObject({
  /** Idempotency: the same id again is the same receipt. */
  receiptId: z.uuid(),
  installId: z.uuid(),
  kind: z.enum(['grant', 'withdraw']),
  consentVersion: consentVersionSchema,
  consentTextSha256: sha256Hex,
  purposes: z.array(z.string().min(1).max(200)).max(50),
  /** The sites recording was on for at that time (match patterns or hosts). */
  sitesOn: z.array(z.string().min(1).max(500)).max(1000),
  extensionVersion: z.string().min(1).max(50),
  /** sha256 of the admin policy in force, or null when none was set. */
  policyHash: sha256Hex.nullable(),
  /** When the person decided (epoch ms, the device's clock). */
  at: z.int().nonnegative(),
  /**
   * Only on the install's first receipt: sha256 of the per-install erasure
   * secret. The secret never leaves the device except to erase.
   */
  erasureSecretSha256: sha256Hex.optional(),
});
export type ConsentReceipt = z.infer<typeof consentReceiptSchema>;

/** The answer to an accepted receipt (stored now or before). */
export const consentReceiptAckSchema = z.object({
  receiptId: z.uuid(),
  /** false: this receipt was already stored (a resend). */
  created: z.boolean(),
  /** When the server first stored it (epoch ms). */
  storedAt: z.int().nonnegative(),
});
export type ConsentReceiptAck = z.infer<typeof consentReceiptAckSchema>;

/** A receipt as the server keeps it. */
export const storedConsentReceiptSchema = consentReceiptSchema.extend({ storedAt: z.int().nonnegative() });
export type StoredConsentReceipt = z.infer<typeof storedConsentReceiptSchema>;

/** GET /v1/admin/consent-receipts?installId= */
export const consentReceiptListSchema = z.object({
  installId: z.uuid(),
  /** Oldest first (by `at`, then receiptId). */
  receipts: z.array(storedConsentReceiptSchema),
  /** The latest receipt is a grant. */
  active: z.boolean(),
});
export type ConsentReceiptList = z.infer<typeof consentReceiptListSchema>;
