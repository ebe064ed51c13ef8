import { z } from 'zod';

/**
 * One entry of the server's append-only, hash-chained audit log (issue 16).
 * Ids only, never content: who (a token's role and the first 8 hex of its
 * sha256, never the token), did what, to which ids. `prev` is the previous
 * entry's `hash` ('0' x 64 for the first); `hash` is sha256 of the entry's
 * canonical JSON without `hash`.
 */
export const auditActionSchema = z.enum([
  'session.read',
  'session.export',
  'subject.erase',
  /** An install read the list of its own uploads (My data, issue 19). */
  'subject.read',
  'retention.sweep',
  'token.role-change',
  'consent.receipt',
  /** A read token was exchanged for a viewer session cookie (issue 19), and that session was ended. */
  'viewer.sign-in',
  'viewer.sign-out',
  /** Per-install credentials (issue 16): issued, rotated, revoked. */
  'install.enrol',
  'install.rotate',
  'install.revoke',
  /** An admin listed the exports' lineage (GET /v1/admin/exports; ids: the export ids). */
  'export.list',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditActorSchema = z.object({
  role: z.enum(['ingest', 'read', 'export', 'admin', 'install', 'server']),
  /** First 8 hex characters of the token's sha256; absent for the server's own jobs. */
  tokenHash: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .optional(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

/** What a caller hands the log: the log adds seq, at, prev and hash. */
export const auditEventSchema = z.object({
  action: auditActionSchema,
  actor: auditActorSchema,
  /** The ids it touched: session ids, install ids, export ids. */
  ids: z.array(z.string().min(1).max(200)).max(10_000),
  /** Counts only (sessions deleted, steps exported), never content. */
  counts: z.record(z.string(), z.int().nonnegative()).optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEntrySchema = auditEventSchema.extend({
  seq: z.int().nonnegative(),
  at: z.int().nonnegative(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Where lifecycle jobs and routes report what they did; the audit log is one (server/audit/). */
export type AuditSink = (event: AuditEvent) => Promise<void>;
