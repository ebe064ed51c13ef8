import { z } from 'zod';
import { erasureConfirmationSchema } from './erasure';

/**
 * The consent receipts outbox in storage.local (lib/platform/consent-outbox-store.ts). Pending
 * entries are kept unparsed here and parsed one by one on read, so one damaged entry is set aside
 * rather than losing the rest.
 */
export const setAsideReceiptSchema = z.object({
  receiptId: z.string().max(100).nullable(),
  kind: z.enum(['grant', 'withdraw']).nullable(),
  /** The server's words, or why the entry could not be read. */
  reason: z.string().max(1000),
  status: z.int().nullable(),
  at: z.number(),
});
export type SetAsideReceipt = z.infer<typeof setAsideReceiptSchema>;

export const consentOutboxSchema = z.object({
  pending: z.array(z.unknown()),
  setAside: z.array(setAsideReceiptSchema),
  /** Consecutive failed deliveries (network, 5xx) and the backoff they earned. */
  attempt: z.int().min(0),
  notBefore: z.number(),
  /** The install whose erasure secret hash an acknowledged receipt carried (it is sent until then). */
  secretRegisteredFor: z.uuid().nullable(),
});
export type ConsentOutbox = z.infer<typeof consentOutboxSchema>;

export const EMPTY_OUTBOX: ConsentOutbox = { pending: [], setAside: [], attempt: 0, notBefore: 0, secretRegisteredFor: null };

/** The person's last erasure, as the server confirmed it and when the device got the answer. */
export const storedErasureConfirmationSchema = erasureConfirmationSchema.extend({ receivedAt: z.number() });
export type StoredErasureConfirmation = z.infer<typeof storedErasureConfirmationSchema>;
