import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_INGEST_TOKEN } from '../../lib/schema/config';
import { isLoopbackHost } from './loopback';
import { sharedTokens, withArticle, type RoleTokens } from '../auth/roles';
import { tokensFileSchema } from './tokens-file';
import { readJsonFile } from './read-json-file';
import { readTokenPath } from './read-token-file';
import { retentionFileSchema } from './retention-file';
import { rawSettingsSchema, type ParsedSettings, type RawSettings, type Settings } from './settings-schema';
import { parseStoreSettings } from './store-settings';

/** Thrown for any invalid setting; main prints the message and exits with 2. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

const ENV_NAMES = {
  port: 'WEBTRACE_PORT',
  host: 'WEBTRACE_HOST',
  data: 'WEBTRACE_DATA',
  ingestTokens: 'WEBTRACE_INGEST_TOKENS',
  readTokens: 'WEBTRACE_READ_TOKENS',
  exportTokens: 'WEBTRACE_EXPORT_TOKENS',
  adminTokens: 'WEBTRACE_ADMIN_TOKENS',
  tokensFile: 'WEBTRACE_TOKENS_FILE',
  requireConsentReceipt: 'WEBTRACE_REQUIRE_CONSENT_RECEIPT',
  retentionDays: 'WEBTRACE_RETENTION_DAYS',
  retentionFile: 'WEBTRACE_RETENTION_FILE',
  logLevel: 'WEBTRACE_LOG_LEVEL',
  releaseDir: 'WEBTRACE_RELEASE_DIR',
  headersTimeoutMs: 'WEBTRACE_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'WEBTRACE_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'WEBTRACE_KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'WEBTRACE_MAX_CONNECTIONS',
  maxSessionBytes: 'WEBTRACE_MAX_SESSION_BYTES',
  maxInstallBytesPerDay: 'WEBTRACE_MAX_INSTALL_BYTES_PER_DAY',
  installCredentials: 'WEBTRACE_INSTALL_CREDENTIALS',
  installCredentialGraceMs: 'WEBTRACE_INSTALL_CREDENTIAL_GRACE_MS',
  installCredentialLifetimeMs: 'WEBTRACE_INSTALL_CREDENTIAL_LIFETIME_MS',
  installCredentialRotateAfterMs: 'WEBTRACE_INSTALL_CREDENTIAL_ROTATE_AFTER_MS',
} as const satisfies Record<keyof RawSettings, string>;

const FLAG_NAMES = {
  port: 'port',
  host: 'host',
  data: 'data',
  ingestTokens: 'ingest-tokens',
  readTokens: 'read-tokens',
  exportTokens: 'export-tokens',
  adminTokens: 'admin-tokens',
  tokensFile: 'tokens-file',
  requireConsentReceipt: 'require-consent-receipt',
  retentionDays: 'retention-days',
  retentionFile: 'retention-file',
  logLevel: 'log-level',
  releaseDir: 'release-dir',
  headersTimeoutMs: 'headers-timeout-ms',
  requestTimeoutMs: 'request-timeout-ms',
  keepAliveTimeoutMs: 'keep-alive-timeout-ms',
  maxConnections: 'max-connections',
  maxSessionBytes: 'max-session-bytes',
  maxInstallBytesPerDay: 'max-install-bytes-per-day',
  installCredentials: 'install-credentials',
  installCredentialGraceMs: 'install-credential-grace-ms',
  installCredentialLifetimeMs: 'install-credential-lifetime-ms',
  installCredentialRotateAfterMs: 'install-credential-rotate-after-ms',
} as const satisfies Record<keyof RawSettings, string>;

/** CLI flags win over env vars, which win over defaults. */
export function loadSettings(argv: string[], env: NodeJS.ProcessEnv): Settings {
  let flags: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(Object.values(FLAG_NAMES).map((f) => [f, { type: 'string' as const }]));
    flags = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (err) {
    throw new SettingsError((err as Error).message);
  }

  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(ENV_NAMES) as (keyof RawSettings)[]) {
    raw[key] = flags[FLAG_NAMES[key]] ?? nonEmpty(env[ENV_NAMES[key]]);
  }
  const parsed = rawSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '') as keyof RawSettings;
      const where = key in ENV_NAMES ? `--${FLAG_NAMES[key]} / ${ENV_NAMES[key]}` : 'settings';
      return `${where}: ${i.message}`;
    });
    throw new SettingsError(`invalid settings:\n  ${problems.join('\n  ')}`);
  }
  const s = { ...parsed.data, ...roleTokens(parsed.data) };

  const devIngestToken = s.ingestTokens.length === 0;
  if (devIngestToken && !isLoopbackHost(s.host)) {
    throw new SettingsError(
      `refusing to listen on ${s.host} with only the public dev ingest token: ` +
        `set ${ENV_NAMES.ingestTokens} (or --${FLAG_NAMES.ingestTokens}), or use a loopback host`,
    );
  }
  // Configured explicitly it is just as public: anyone could upload.
  if (s.ingestTokens.includes(DEV_INGEST_TOKEN) && !isLoopbackHost(s.host)) {
    throw new SettingsError(
      `refusing to listen on ${s.host} with the public dev ingest token among ${ENV_NAMES.ingestTokens}: ` +
        'it is published in the extension and this README; configure tokens of your own, or use a loopback host',
    );
  }
  const releaseDir = s.releaseDir === undefined ? null : resolve(s.releaseDir);
  if (releaseDir !== null && !isDirectory(releaseDir)) {
    throw new SettingsError(`--${FLAG_NAMES.releaseDir} / ${ENV_NAMES.releaseDir}: ${releaseDir} is not a directory`);
  }
  // Configured read tokens win; without any, main keeps one in the data dir (made on the first start).
  const readTokenFile = s.readTokens.length === 0 ? readTokenPath(resolve(s.data)) : null;
  const store = parseStoreSettings(env, resolve(s.data));
  if (!store.ok) throw new SettingsError(`invalid settings:\n  ${store.problems.join('\n  ')}`);

  return {
    port: s.port,
    host: s.host,
    dataDir: resolve(s.data),
    store: store.store,
    ingestTokens: devIngestToken ? [DEV_INGEST_TOKEN] : s.ingestTokens,
    readTokens: s.readTokens,
    exportTokens: s.exportTokens,
    adminTokens: s.adminTokens,
    requireConsentReceipt: s.requireConsentReceipt,
    retentionDays: s.retentionDays,
    retentionSites: retentionSites(s.retentionFile),
    logLevel: s.logLevel,
    releaseDir,
    network: {
      headersTimeoutMs: s.headersTimeoutMs,
      requestTimeoutMs: s.requestTimeoutMs,
      keepAliveTimeoutMs: s.keepAliveTimeoutMs,
      maxConnections: s.maxConnections,
    },
    caps: { maxSessionBytes: s.maxSessionBytes, maxInstallBytesPerDay: s.maxInstallBytesPerDay },
    installCredentials: {
      mode: s.installCredentials,
      graceMs: s.installCredentialGraceMs,
      lifetimeMs: s.installCredentialLifetimeMs,
      rotateAfterMs: s.installCredentialRotateAfterMs,
    },
    devIngestToken,
    readTokenFile,
  };
}

/**
 * Each role's tokens from its env var / flag plus the tokens file; a token in two roles is refused,
 * naming the roles (a token valid for ingest and read would let an uploader read everything back).
 */
function roleTokens(s: ParsedSettings): Pick<ParsedSettings, 'ingestTokens' | 'readTokens' | 'exportTokens' | 'adminTokens'> {
  let file: RoleTokens = { ingest: [], read: [], export: [], admin: [] };
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
  if (s.tokensFile !== undefined) {
    const read = readJsonFile(resolve(s.tokensFile), tokensFileSchema);
    if (!read.ok) throw new SettingsError(`--${FLAG_NAMES.tokensFile} / ${ENV_NAMES.tokensFile}: ${read.problem}`);
    file = read.value;
  }
  const merged = {
    ingest: union(s.ingestTokens, file.ingest),
    read: union(s.readTokens, file.read),
    export: union(s.exportTokens, file.export),
    admin: union(s.adminTokens, file.admin),
  };
  const shared = sharedTokens(merged);
  if (shared.length > 0) {
    const which = shared.map(({ roles }) => `both ${roles.map(withArticle).join(' and ')} token`).join('; ');
    throw new SettingsError(`invalid settings: a token must not be in two roles: ${which}`);
  }
  if (file.read.includes(DEV_INGEST_TOKEN) || file.export.includes(DEV_INGEST_TOKEN) || file.admin.includes(DEV_INGEST_TOKEN)) {
    throw new SettingsError('invalid settings: the public development ingest token can only be an ingest token');
  }
  return { ingestTokens: merged.ingest, readTokens: merged.read, exportTokens: merged.export, adminTokens: merged.admin };
}

function retentionSites(file: string | undefined): Record<string, number> {
  if (file === undefined) return {};
  const read = readJsonFile(resolve(file), retentionFileSchema);
  if (!read.ok) throw new SettingsError(`--${FLAG_NAMES.retentionFile} / ${ENV_NAMES.retentionFile}: ${read.problem}`);
  return read.value.sites;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
