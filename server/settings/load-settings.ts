import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_INGEST_TOKEN } from '../../lib/schema/config';
import { isLoopbackHost } from './loopback';
import { rawSettingsSchema, type RawSettings, type Settings } from './settings-schema';

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
  logLevel: 'WEBTRACE_LOG_LEVEL',
} as const satisfies Record<keyof RawSettings, string>;

const FLAG_NAMES = {
  port: 'port',
  host: 'host',
  data: 'data',
  ingestTokens: 'ingest-tokens',
  readTokens: 'read-tokens',
  logLevel: 'log-level',
} as const satisfies Record<keyof RawSettings, string>;

/** CLI flags win over env vars, which win over defaults. */
export function loadSettings(argv: string[], env: NodeJS.ProcessEnv): Settings {
  let flags: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(Object.values(FLAG_NAMES).map((f) => [f, { type: 'string' as const }]));
    flags = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
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
  const s = parsed.data;

  const devIngestToken = s.ingestTokens.length === 0;
  if (devIngestToken && !isLoopbackHost(s.host)) {
    throw new SettingsError(
      `refusing to listen on ${s.host} with only the public dev ingest token: ` +
        `set ${ENV_NAMES.ingestTokens} (or --${FLAG_NAMES.ingestTokens}), or use a loopback host`,
    );
  }
  const generatedReadToken = s.readTokens.length === 0 ? randomBytes(32).toString('base64url') : null;

  return {
    port: s.port,
    host: s.host,
    dataDir: resolve(s.data),
    ingestTokens: devIngestToken ? [DEV_INGEST_TOKEN] : s.ingestTokens,
    readTokens: generatedReadToken ? [generatedReadToken] : s.readTokens,
    logLevel: s.logLevel,
    devIngestToken,
    generatedReadToken,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
