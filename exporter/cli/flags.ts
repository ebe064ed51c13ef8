import { parseArgs } from 'node:util';
import { z } from 'zod';
import { dateOrMsSchema } from '../../lib/schema/date-or-ms';
import { exportIdSchema } from '../../lib/schema/export-lineage';

/** What `--formats` can ask for: the Parquet tables, JSONL rows (with screenshots/ and dom/), the Mind2Web and AgentLab views. */
export const FORMATS = ['parquet', 'jsonl', 'views'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `usage: webtrace-export --out DIR [options]
  --data DIR             the server's store (default $WEBTRACE_DATA or ./data)
  --site ORIGIN          only this site (repeatable), e.g. https://app.example.com
  --from DATE --to DATE  sessions that started at or after --from and before --to (ISO date or epoch ms)
  --split-seed TEXT      seed of the train/test_task/test_site split and of the pseudonyms (default webtrace)
  --shard I/N            export the I-th of N disjoint parts (1-based), for N machines or job-array tasks
  --workers N            browser pages rendering in parallel (default 2)
  --no-render            no browser: no screenshots, DOM or accessibility trees
  --formats LIST         comma-separated: ${FORMATS.join(',')} (default all)
  --image-format F       png (default), jpeg or webp
  --top-k K              interactive candidates per step (default 50)
  --idle-gap-minutes M   an idle gap longer than this ends an episode (default 5)
  --test-site-share X    share of sites held out as test_site (default 0.1)
  --test-task-share X    share of contributors held out as test_task (default 0.1)
  --salt-file FILE       secret salt of person-linked hashes (default <data>/export-salt; or $WEBTRACE_EXPORT_SALT)
  --quiet                no progress bar
  --rebuild-of EXPORT_ID re-run an earlier export (its filters, seed, shares, shard and formats, read from the
                         server's record of it) on today's store: without the installs erased since. Takes only
                         --data, --out, --workers, --salt-file and --quiet besides

usage: webtrace-export merge --out DIR SHARD_DIR...
  the finished shards of one export (--shard 1/N .. N/N) combined into one dataset in DIR`;

const origin = z.string().refine((v) => {
  try {
    return new URL(v).origin === v;
  } catch {
    return false;
  }
}, 'must be an origin such as https://app.example.com (scheme, host and port, no path)');

const share = z.coerce.number().min(0).max(1);

export const flagsSchema = z
  .object({
    out: z.string({ error: 'is required (the folder to write the dataset to)' }).min(1),
    data: z.string().min(1),
    site: z.array(origin).default([]),
    from: dateOrMsSchema.optional(),
    to: dateOrMsSchema.optional(),
    'split-seed': z.string().min(1).max(200).default('webtrace'),
    shard: z
      .string()
      .regex(/^\d+\/\d+$/, 'must be I/N, e.g. 1/4')
      .transform((v) => v.split('/').map(Number) as [number, number])
      .refine(([i, n]) => n >= 1 && n <= 10_000 && i >= 1 && i <= n, 'must be I/N with 1 <= I <= N <= 10000')
      .default([1, 1]),
    workers: z.coerce.number().int().min(1).max(16).default(2),
    'no-render': z.boolean().default(false),
    formats: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(FORMATS, { error: `each format must be one of ${FORMATS.join(', ')}` })).min(1))
      .default([...FORMATS]),
    'image-format': z.enum(['png', 'jpeg', 'webp']).default('png'),
    'top-k': z.coerce.number().int().min(0).max(200).default(50),
    'idle-gap-minutes': z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(5),
    'test-site-share': share.default(0.1),
    'test-task-share': share.default(0.1),
    'salt-file': z.string().min(1).optional(),
    quiet: z.boolean().default(false),
    'rebuild-of': exportIdSchema.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, { message: 'must be later than --from', path: ['to'] });

export type Flags = z.infer<typeof flagsSchema>;

/** The flags a rebuild takes: where to read and write, and how fast; everything else comes from the record. */
const REBUILD_FLAGS = new Set(['rebuild-of', 'data', 'out', 'workers', 'salt-file', 'quiet']);

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv (without node and script) into flags; a bad or unknown flag throws a UsageError naming it. */
export function parseFlags(argv: readonly string[], env: NodeJS.ProcessEnv): Flags {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        data: { type: 'string' },
        site: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        'split-seed': { type: 'string' },
        shard: { type: 'string' },
        workers: { type: 'string' },
        'no-render': { type: 'boolean' },
        formats: { type: 'string' },
        'image-format': { type: 'string' },
        'top-k': { type: 'string' },
        'idle-gap-minutes': { type: 'string' },
        'test-site-share': { type: 'string' },
        'test-task-share': { type: 'string' },
        'salt-file': { type: 'string' },
        quiet: { type: 'boolean' },
        'rebuild-of': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  if (values['rebuild-of'] !== undefined) {
    const clash = Object.keys(values).find((k) => !REBUILD_FLAGS.has(k));
    if (clash)
      throw new UsageError(`--${clash} cannot be given with --rebuild-of: a rebuild re-runs the settings recorded for that export`);
  }
  const parsed = flagsSchema.safeParse({ data: env.WEBTRACE_DATA ?? './data', ...values });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] === undefined ? 'flags' : `--${String(issue.path[0])}`;
    throw new UsageError(`${flag} ${issue.message}`);
  }
  return parsed.data;
}

export const mergeFlagsSchema = z.object({
  out: z.string({ error: 'is required (the folder to write the merged dataset to)' }).min(1),
  shards: z.array(z.string().min(1)).min(1, 'needs the shard folders to merge (after the flags)'),
});
export type MergeFlags = z.infer<typeof mergeFlagsSchema>;

/** `merge --out DIR SHARD...` (argv after `merge`); a bad or unknown flag throws a UsageError naming it. */
export function parseMergeFlags(argv: readonly string[]): MergeFlags {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { out: { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const result = mergeFlagsSchema.safeParse({ out: parsed.values.out, shards: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`${issue.path[0] === 'out' ? '--out' : 'merge'} ${issue.message}`);
  }
  return result.data;
}
