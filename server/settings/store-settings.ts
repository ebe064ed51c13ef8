import { z } from 'zod';
import type { StoreSettings } from '../store/open-store';
import { DEFAULT_RETENTION_CLASS, retentionClassSchema } from '../store/s3/object-keys';

/**
 * Which store the server uses, from the environment:
 *   WEBTRACE_STORE              fs (default: the embedded store in the data dir) or s3
 *   WEBTRACE_S3_ENDPOINT        the S3 API's URL (unset: AWS S3 itself)
 *   WEBTRACE_S3_BUCKET          the bucket (required for s3)
 *   WEBTRACE_S3_REGION          default us-east-1
 *   WEBTRACE_S3_FORCE_PATH_STYLE  true/false; default true when an endpoint is set (local gateways)
 *   WEBTRACE_S3_RETENTION_CLASS first part of every object key (bucket lifecycle rules expire by it)
 *   WEBTRACE_S3_SINGLE_INSTANCE true: run on a store that fails the conditional-put probe (one instance only)
 *   WEBTRACE_DATABASE_URL       PostgreSQL, for the index (required for s3)
 * Credentials come from the SDK's usual environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles…), never from here.
 */
export const STORE_ENV = {
  store: 'WEBTRACE_STORE',
  endpoint: 'WEBTRACE_S3_ENDPOINT',
  bucket: 'WEBTRACE_S3_BUCKET',
  region: 'WEBTRACE_S3_REGION',
  forcePathStyle: 'WEBTRACE_S3_FORCE_PATH_STYLE',
  retentionClass: 'WEBTRACE_S3_RETENTION_CLASS',
  singleInstance: 'WEBTRACE_S3_SINGLE_INSTANCE',
  databaseUrl: 'WEBTRACE_DATABASE_URL',
} as const;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const storeEnvSchema = z
  .object({
    store: z.enum(['fs', 's3'], { error: 'must be fs or s3' }).default('fs'),
    endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    // S3's bucket naming rules.
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, dashes)')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as us-east-1')
      .default('us-east-1'),
    forcePathStyle: flag.optional(),
    retentionClass: retentionClassSchema.default(DEFAULT_RETENTION_CLASS),
    singleInstance: flag.default(false),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.store !== 's3') return;
    if (!s.bucket) ctx.addIssue({ code: 'custom', path: ['bucket'], message: 'is required when WEBTRACE_STORE=s3' });
    if (!s.databaseUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['databaseUrl'],
        message: 'is required when WEBTRACE_STORE=s3 (the index lives in PostgreSQL)',
      });
  });

/** The store's settings, or the problems as lines naming the variable (never echoing a value: the URL holds a password). */
export function parseStoreSettings(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): { ok: true; store: StoreSettings } | { ok: false; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(STORE_ENV).map(([key, name]) => [key, nonEmpty(env[name])]));
  const parsed = storeEnvSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${STORE_ENV[i.path[0] as keyof typeof STORE_ENV] ?? 'store settings'}: ${i.message}`),
    };
  }
  const s = parsed.data;
  if (s.store === 'fs') return { ok: true, store: { kind: 'fs', dataDir } };
  return {
    ok: true,
    store: {
      kind: 's3',
      bucket: { endpoint: s.endpoint, bucket: s.bucket!, region: s.region, forcePathStyle: s.forcePathStyle ?? s.endpoint !== undefined },
      databaseUrl: s.databaseUrl!,
      retentionClass: s.retentionClass,
      singleInstance: s.singleInstance,
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
