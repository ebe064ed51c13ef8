import { z } from 'zod';
import { dateOrMsSchema } from './date-or-ms';

/**
 * An export's lineage (issues 13 and 16): which installs' pseudonyms went
 * into it, and the settings that rebuild it. Kept on the server only (the
 * store: fs `exports/<exportId>.json`, s3 `wt_export_lineage`), never in the
 * dataset: the dataset's manifest lists the pseudonyms, this maps them back.
 * An erasure replaces an install's entry by `{ pseudonym, erased: true }`,
 * so nothing here names an erased install any more.
 */
export const exportIdSchema = z.string().regex(/^exp_[0-9a-f]{24}$/, 'must be an export id (exp_ and 24 hex digits)');
export type ExportId = z.infer<typeof exportIdSchema>;

/** A per-export install pseudonym (exporter/plan/install-pseudonym.ts). */
export const installPseudonymSchema = z.string().regex(/^in_[0-9a-f]{16}$/);

const count = z.int().nonnegative();

export const lineageInstallSchema = z.union([
  z.object({ pseudonym: installPseudonymSchema, installId: z.uuid(), episodes: count, steps: count }).strict(),
  z.object({ pseudonym: installPseudonymSchema, erased: z.literal(true) }).strict(),
]);
export type LineageInstall = z.infer<typeof lineageInstallSchema>;

/** What `--rebuild-of` re-runs: every setting that decides the dataset's content (not the workers or the output folder). */
export const rebuildSettingsSchema = z.object({
  filters: z.object({ sites: z.array(z.string()), from: z.number().nullable(), to: z.number().nullable() }),
  split_seed: z.string(),
  split_shares: z.object({ test_site: z.number().min(0).max(1), test_task: z.number().min(0).max(1) }),
  idle_gap_ms: z.number().positive(),
  rendered: z.boolean(),
  image_format: z.enum(['png', 'jpeg', 'webp']),
  top_k: count,
  formats: z.array(z.enum(['parquet', 'jsonl', 'views'])).min(1),
  shard: z.object({ index: z.int().positive(), count: z.int().positive() }),
});
export type RebuildSettings = z.infer<typeof rebuildSettingsSchema>;

export const exportLineageSchema = z.object({
  exportId: exportIdSchema,
  /** When the export finished (epoch ms, the exporter's clock). */
  createdAt: count,
  /** The export this one rebuilt, or null. */
  rebuildOf: exportIdSchema.nullable(),
  settings: rebuildSettingsSchema,
  /** A keyed digest of the salt (it reveals nothing of it): a rebuild with another salt would assign other pseudonyms. */
  saltCheck: z.string().regex(/^[0-9a-f]{16}$/),
  /** Sorted by pseudonym. */
  installs: z.array(lineageInstallSchema),
});
export type ExportLineage = z.infer<typeof exportLineageSchema>;

/** GET /v1/admin/exports: exports created at or after `from` and before `to`; `needsRebuild=true` only those. */
export const adminExportsQuerySchema = z
  .object({
    from: dateOrMsSchema.optional(),
    to: dateOrMsSchema.optional(),
    needsRebuild: z.enum(['true', 'false']).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after "to"', path: ['from'] });

export const exportListItemSchema = z.object({
  exportId: exportIdSchema,
  createdAt: count,
  rebuildOf: exportIdSchema.nullable(),
  filters: rebuildSettingsSchema.shape.filters,
  /** Installs that contributed (erased ones included). */
  installs: count,
  erasedInstalls: count,
  /** Some install in it was erased: the dataset still holds that person's steps until it is rebuilt. */
  needsRebuild: z.boolean(),
});
export type ExportListItem = z.infer<typeof exportListItemSchema>;

export const adminExportsPageSchema = z.object({ exports: z.array(exportListItemSchema) });
export type AdminExportsPage = z.infer<typeof adminExportsPageSchema>;
