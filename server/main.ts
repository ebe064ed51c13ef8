import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { loadSettings, SettingsError } from './settings/load-settings';
import { readTokenBanner } from './settings/read-token-banner';
import { keepReadToken, type KeptReadToken } from './settings/read-token-file';
import type { Settings } from './settings/settings-schema';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** `npm run server`: settings from env vars / CLI flags, then listen until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    process.stderr.write(`webtrace server: ${err.message}\n`);
    process.exit(2);
  }
  let kept: KeptReadToken | null = null;
  try {
    kept = settings.readTokenFile === null ? null : keepReadToken(settings.readTokenFile);
  } catch (err) {
    process.stderr.write(`webtrace server: ${(err as Error).message}\n`);
    process.exit(2);
  }

  const app = buildApp({
    dataDir: settings.dataDir,
    store: settings.store,
    ingestTokens: settings.ingestTokens,
    readTokens: kept ? [kept.token] : settings.readTokens,
    exportTokens: settings.exportTokens,
    adminTokens: settings.adminTokens,
    requireConsentReceipt: settings.requireConsentReceipt,
    retention: { days: settings.retentionDays, sites: settings.retentionSites },
    logger: { level: settings.logLevel },
    releaseDir: settings.releaseDir,
    network: settings.network,
    caps: settings.caps,
    installCredentials: settings.installCredentials,
  });
  if (settings.devIngestToken) {
    app.log.warn('no ingest tokens configured (WEBTRACE_INGEST_TOKENS): accepting only the public dev token');
  }

  if (settings.adminTokens.length === 0) {
    app.log.info(
      'no admin tokens configured (WEBTRACE_ADMIN_TOKENS): the admin routes (consent receipts, erasure, the audit log) refuse everyone',
    );
  }

  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${host}:${address.port}`;
  if (kept) console.log(`\n${readTokenBanner(kept, `${base}/viewer/`)}\n`);
  console.log(`webtrace server listening on ${base}`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // Ctrl+C under `npm start` delivers SIGINT twice (terminal + forwarding parent):
    // repeats must not cut the graceful close short; the timeout below bounds it.
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // A request that never ends must not keep the process alive forever.
    setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // Batches in flight finish (and become durable) before the process exits.
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error('webtrace server failed to start:', err);
  process.exit(1);
});
