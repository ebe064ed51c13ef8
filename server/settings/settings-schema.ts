import { z } from 'zod';
import { DEV_INGEST_TOKEN } from '../../lib/schema/config';
import { DEFAULT_INGEST_CAPS } from './ingest-caps';
import { installCredentialModeSchema, type InstallCredentialMode } from '../../lib/schema/enrolment';
import { DEFAULT_CREDENTIAL_POLICY, type CredentialPolicy } from './credential-schedule';
import type { StoreSettings } from '../store/open-store';

/**
 * Raw settings as strings (from env vars or CLI flags) → typed settings.
 * Token lists are comma-separated; blank entries are dropped so a trailing
 * comma or an empty variable means "unset".
 */
export const tokenSchema = z
  .string()
  .min(16, 'each token must be at least 16 characters')
  .max(500)
  .regex(/^[\x21-\x7e]+$/, 'tokens must be printable ASCII without spaces');

const tokenListSchema = z
  .string()
  .optional()
  .transform((raw) =>
    (raw ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
  )
  .pipe(z.array(tokenSchema));

/** A whole number of ms or bytes given as a string, with a default. */
const count = (fallback: number, min: number, max: number, what: string) =>
  z
    .string()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,15}$/, `${what} must be a whole number`))
    .transform(Number)
    .pipe(z.int().min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`));

const DAY_MS = 24 * 3_600_000;

export const DEFAULT_NETWORK = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

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
    exportTokens: tokenListSchema,
    adminTokens: tokenListSchema,
    /** A JSON file of tokens per role (server/settings/tokens-file.ts), added to the env vars' tokens. */
    tokensFile: z.string().min(1, 'the tokens file path must not be empty').optional(),
    /** Refuse batches from installs without an active consent grant; false is an opt-out for migrating old extensions. */
    requireConsentReceipt: z
      .enum(['true', 'false', '1', '0'], 'must be true or false')
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /** Sessions are deleted this many days after they start; unset or 0: kept until erased. */
    retentionDays: count(0, 0, 36_500, 'the retention in days'),
    /** Per-site retention (server/settings/retention-file.ts). */
    retentionFile: z.string().min(1, 'the retention file path must not be empty').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** A release written by npm run package, served at /updates.xml and /crx/ (server/updates/). */
    releaseDir: z.string().min(1, 'release directory must not be empty').optional(),
    headersTimeoutMs: count(DEFAULT_NETWORK.headersTimeoutMs, 100, 600_000, 'the headers timeout'),
    requestTimeoutMs: count(DEFAULT_NETWORK.requestTimeoutMs, 100, 3_600_000, 'the request timeout'),
    keepAliveTimeoutMs: count(DEFAULT_NETWORK.keepAliveTimeoutMs, 100, 600_000, 'the keep-alive timeout'),
    maxConnections: count(DEFAULT_NETWORK.maxConnections, 1, 1_000_000, 'the connection cap'),
    maxSessionBytes: count(DEFAULT_INGEST_CAPS.maxSessionBytes, 1024, Number.MAX_SAFE_INTEGER, 'the session cap'),
    maxInstallBytesPerDay: count(DEFAULT_INGEST_CAPS.maxInstallBytesPerDay, 1024, Number.MAX_SAFE_INTEGER, 'the daily install cap'),
    /**
     * Per-install credentials (server/installs/): required by default (the organisation token only enrols);
     * optional, a migration opt-out, also takes the ingest token alone for installs not enrolled.
     */
    installCredentials: z.enum(installCredentialModeSchema.options, 'install credentials must be required or optional').default('required'),
    /** How long a rotated-out install credential keeps working. */
    installCredentialGraceMs: count(DEFAULT_CREDENTIAL_POLICY.graceMs, 0, 30 * DAY_MS, 'the install credential grace period'),
    /** How long an issued install credential works; the extension rotates it after rotateAfter, well before. */
    installCredentialLifetimeMs: count(DEFAULT_CREDENTIAL_POLICY.lifetimeMs, 60_000, 3_650 * DAY_MS, 'the install credential lifetime'),
    installCredentialRotateAfterMs: count(
      DEFAULT_CREDENTIAL_POLICY.rotateAfterMs,
      1_000,
      3_650 * DAY_MS,
      'the install credential rotation age',
    ),
  })
  .superRefine((s, ctx) => {
    // The public development token is known to everyone: it must never be readable or used off this machine.
    for (const key of ['readTokens', 'exportTokens', 'adminTokens'] as const) {
      if (s[key].includes(DEV_INGEST_TOKEN)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `the public development ingest token cannot be ${roleWords[key]} token` });
      }
    }
    // Rotating no earlier than expiry would leave every install refused until it enrols again.
    if (s.installCredentialRotateAfterMs >= s.installCredentialLifetimeMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['installCredentialRotateAfterMs'],
        message: 'the install credential rotation age must be shorter than its lifetime',
      });
    }
    if (s.headersTimeoutMs > s.requestTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['headersTimeoutMs'],
        message: 'the headers timeout must not be longer than the request timeout',
      });
    }
  });

const roleWords = { readTokens: 'a read', exportTokens: 'an export', adminTokens: 'an admin' } as const;

export type RawSettings = z.input<typeof rawSettingsSchema>;
export type ParsedSettings = z.output<typeof rawSettingsSchema>;

/** What the server runs with once defaults and dev fallbacks are applied. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  /** fs (in dataDir) or s3 + PostgreSQL (server/settings/store-settings.ts). */
  store: StoreSettings;
  ingestTokens: string[];
  readTokens: string[];
  exportTokens: string[];
  adminTokens: string[];
  requireConsentReceipt: boolean;
  /** 0: sessions are kept until erased. */
  retentionDays: number;
  /** Days per site, overriding retentionDays (WEBTRACE_RETENTION_FILE). */
  retentionSites: Record<string, number>;
  logLevel: ParsedSettings['logLevel'];
  /** Absolute path of the release directory to serve updates from, or null: no update routes. */
  releaseDir: string | null;
  /** Connection limits (server/app.ts). */
  network: typeof DEFAULT_NETWORK;
  caps: { maxSessionBytes: number; maxInstallBytesPerDay: number };
  /** Per-install credentials: the mode and their schedule (lifetime, rotation age, grace period of a rotated-out one). */
  installCredentials: { mode: InstallCredentialMode } & CredentialPolicy;
  /** No ingest tokens were configured: only the dev token is accepted. */
  devIngestToken: boolean;
  /**
   * No read tokens were configured: the file that keeps the one made on the first start
   * (server/settings/read-token-file.ts; readTokens is empty until main reads it), else null.
   */
  readTokenFile: string | null;
}
