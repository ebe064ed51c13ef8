import { z } from 'zod';
import { auditActorSchema, auditEntrySchema } from '../../../lib/schema/audit-entry';
import { piiKindSchema } from '../processing-facts';
import { verifyResultSchema } from '../verify-audit-log';

/** One row of activity: sessions that started on that UTC day on that site. */
export const activityRowSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  site: z.string(),
  sessions: z.int().nonnegative(),
  actions: z.int().nonnegative(),
  bytes: z.int().nonnegative(),
});

export const accessRowSchema = auditActorSchema.extend({
  reads: z.int().nonnegative(),
  exports: z.int().nonnegative(),
  /** Distinct sessions read or exported. */
  sessions: z.int().nonnegative(),
  firstAt: z.int().nonnegative(),
  lastAt: z.int().nonnegative(),
});

export const piiFindingSchema = z.object({
  kind: piiKindSchema,
  /** Values found (spans), over every string of every stored event. */
  hits: z.int().nonnegative(),
  sessions: z.array(z.string()),
});

export const piiScanSchema = z.object({
  sessionsScanned: z.int().nonnegative(),
  chunksScanned: z.int().nonnegative(),
  stringsScanned: z.int().nonnegative(),
  findings: z.array(piiFindingSchema),
  /** Chunks the store could not read back, named. */
  unreadable: z.array(z.object({ sessionId: z.string(), chunk: z.string(), reason: z.string() })),
});
export type PiiScan = z.infer<typeof piiScanSchema>;

/** The audit report (`npm run audit`), written as JSON beside its text form. */
export const auditReportSchema = z.object({
  report: z.literal('webtrace audit report'),
  generatedAt: z.string(),
  /** Sessions that started, and audit entries made, at or after `from` and before `to`. */
  period: z.object({ from: z.string(), to: z.string() }),
  store: z.enum(['fs', 's3']),
  activity: z.array(activityRowSchema),
  consentReceipts: z.object({
    /** False while the store keeps no receipts: then the report says "none recorded". */
    recorded: z.boolean(),
    byVersion: z.record(z.string(), z.int().nonnegative()),
    note: z.string(),
  }),
  erasures: z.array(auditEntrySchema),
  retentionDeletions: z.array(auditEntrySchema),
  access: z.array(accessRowSchema),
  piiScan: piiScanSchema,
  auditChain: verifyResultSchema,
});
export type AuditReport = z.infer<typeof auditReportSchema>;
export type ActivityRow = z.infer<typeof activityRowSchema>;
export type AccessRow = z.infer<typeof accessRowSchema>;
