import { z } from 'zod';

/**
 * What one benchmark run writes to bench-results/<time>.json, and what the
 * check (bench/check-figures.ts) reads back. A row is one line of the table
 * (a workload at one size); each metric of it has a figure per variant
 * (median, min-max over the repetitions) and the ratios the row asks for.
 */
export const spreadSchema = z.object({ median: z.number(), min: z.number(), max: z.number(), n: z.int() });

export const metricSchema = z.object({
  name: z.string(),
  unit: z.string(),
  /** Variant id -> figure. A variant the metric does not apply to is absent, never NaN. */
  cells: z.record(z.string(), spreadSchema),
  /** "a/b" -> median of a / median of b. */
  ratios: z.record(z.string(), z.number()).default({}),
});

export const rowSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Variant ids in column order, with their labels. */
  columns: z.array(z.object({ id: z.string(), label: z.string() })),
  metrics: z.array(metricSchema).min(1),
  notes: z.array(z.string()).default([]),
});

export const benchResultSchema = z.object({
  startedAt: z.string(),
  mode: z.enum(['quick', 'full']),
  machine: z.object({ cpus: z.int(), cpuModel: z.string(), chromium: z.string(), node: z.string() }),
  durationS: z.number(),
  rows: z.array(rowSchema),
  /** Workloads that threw: their rows are missing, and the check fails them. */
  errors: z.array(z.object({ workload: z.string(), message: z.string() })).default([]),
});

export type Metric = z.infer<typeof metricSchema>;
export type Row = z.infer<typeof rowSchema>;
export type BenchResult = z.infer<typeof benchResultSchema>;
