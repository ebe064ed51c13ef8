import type { FastifyBaseLogger } from 'fastify';
import { parseStoreSettings } from '../../settings/store-settings';
import { openStore } from '../../store/open-store';
import { SessionStore } from '../../store/session-store';
import type { Store } from '../../store/store';

/**
 * The store a report reads: the data dir's fs store opened read-only (the
 * server may be running: nothing is replayed or written), or the s3 store the
 * environment names, through the server's own openStore.
 */
export async function openReportStore(dataDir: string, env: NodeJS.ProcessEnv, log: FastifyBaseLogger): Promise<Store> {
  const settings = parseStoreSettings(env, dataDir);
  if (!settings.ok) throw new Error(`store settings: ${settings.problems.join('; ')}`);
  if (settings.store.kind === 'fs') return SessionStore.open(dataDir, log, { readOnly: true });
  return openStore(settings.store, log);
}

/** Warnings and errors as JSON lines on stderr; the rest is quiet (a report's output is its tables). */
export function stderrLogger(stderr: NodeJS.WritableStream): FastifyBaseLogger {
  const write = (level: string) => (obj: unknown, msg?: string) => {
    const { err, ...rest } = (typeof obj === 'object' && obj ? obj : { msg: obj }) as { err?: unknown } & Record<string, unknown>;
    stderr.write(
      `${JSON.stringify({ level, ...rest, ...(msg ? { msg } : {}), ...(err ? { err: String((err as Error).message ?? err) } : {}) })}\n`,
    );
  };
  const noop = () => undefined;
  const log = {
    level: 'warn',
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
}
