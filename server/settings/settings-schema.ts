import { z } from 'zod';

/**
 * Raw settings as strings (from env vars or CLI flags) → typed settings.
 * Token lists are comma-separated; blank entries are dropped so a trailing
 * comma or an empty variable means "unset".
 */
const tokenSchema = z
  .string()
  .min(16, 'each token must be at least 16 characters')
  .max(500)
  .regex(/^[\x21-\x7e]+$/, 'tokens must be printable ASCII without spaces');

const tokenListSchema = z
  .string()
  .optional()
  .transform((raw) => (raw ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0))
  .pipe(z.array(tokenSchema));

export const rawSettingsSchema = z
  .object({
    port: z
      .string()
      .default('8787')
      .pipe(z.string().regex(/^\d{1,5}$/, 'port must be a number from 0 to 65535'))
      .transform(Number)
      .pipe(z.int().min(0, 'port must be 0-65535').max(65535, 'port must be 0-65535')),
    host: z.string().trim().min(1, 'host must not be empty').default('127.0.0.1'),
    data: z.string().min(1, 'data directory must not be empty').default('./data'),
    ingestTokens: tokenListSchema,
    readTokens: tokenListSchema,
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((s, ctx) => {
    // A token valid for both would let an uploader read everything back.
    const shared = s.ingestTokens.filter((t) => s.readTokens.includes(t));
    if (shared.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['readTokens'], message: 'a token must not be both an ingest and a read token' });
    }
  });

export type RawSettings = z.input<typeof rawSettingsSchema>;
export type ParsedSettings = z.output<typeof rawSettingsSchema>;

/** What the server runs with once defaults and dev fallbacks are applied. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  ingestTokens: string[];
  readTokens: string[];
  logLevel: ParsedSettings['logLevel'];
  /** No ingest tokens were configured: only the dev token is accepted. */
  devIngestToken: boolean;
  /** No read tokens were configured: one was generated for this run. */
  generatedReadToken: string | null;
}
