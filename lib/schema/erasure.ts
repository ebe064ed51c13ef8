import { z } from 'zod';

/**
 * Erasure of an install (issue 16): DELETE /v1/subjects/:installId (admin) or
 * POST /v1/subjects/:installId/erase (the install's erasure secret). The
 * tombstone stays: later batches and receipts of the install get 410.
 */
export const tombstoneSchema = z.object({
  installId: z.uuid(),
  /** When the install was erased (epoch ms, the server's clock). */
  erasedAt: z.int().nonnegative(),
  by: z.enum(['admin', 'install']),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

/** The confirmation an erasure answers with (the extension's My data page shows it). */
export const erasureConfirmationSchema = z.object({
  installId: z.uuid(),
  sessionsDeleted: z.int().nonnegative(),
  chunksDeleted: z.int().nonnegative(),
  consentReceiptsKept: z.int().nonnegative(),
  tombstoneAt: z.int().nonnegative(),
  /** false: the install had been erased before; this request deleted what arrived since (normally nothing). */
  firstErasure: z.boolean(),
});
export type ErasureConfirmation = z.infer<typeof erasureConfirmationSchema>;

export const subjectParamsSchema = z.object({ installId: z.uuid('installId must be a UUID') });

/**
 * The 410 the server answers for a batch or receipt of an erased install (server/lifecycle/install-gate.ts):
 * `{ error: 'install_erased', message: 'install … was erased on <ISO time>; …' }`. `erasedAt` is read
 * when the server sends it, else the time is taken from the message.
 */
export const installErasedBodySchema = z.object({
  error: z.literal('install_erased'),
  message: z.string().max(2000),
  erasedAt: z.int().nonnegative().optional(),
});
export type InstallErasedBody = z.infer<typeof installErasedBodySchema>;

/** When the install was erased, from a parsed 410 body; null if it does not say. */
export function erasedAtOf(body: InstallErasedBody): number | null {
  if (body.erasedAt !== undefined) return body.erasedAt;
  const iso = /erased on (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(body.message)?.[1];
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
}
