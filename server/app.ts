import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { TokenRegistry } from './auth/token-registry';
import { installErrorHandling } from './http/error-handler';
import { BATCHES_ROUTE, batchRoute } from './ingest/batch-route';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './ingest/decode-batch';
import { DEFAULT_INGEST_CAPS, type IngestCaps } from './settings/ingest-caps';
import { countRejection, createIngestStats } from './ingest/ingest-stats';
import type { InstallIdentity } from './auth/install-identity';
import { credentialIdentity } from './installs/credential-identity';
import { DEFAULT_CREDENTIAL_POLICY, type CredentialPolicy } from './settings/credential-schedule';
import { installRoutes } from './installs/install-routes';
import type { InstallCredentialMode } from '../lib/schema/enrolment';
import { shotRoute } from './ingest/shot-route';
import { SHOTS_ROUTE } from '../lib/schema/screenshot';
import { InstallUsage } from './ingest/install-usage';
import { consentRoutes, CONSENT_RECEIPTS_ROUTE } from './lifecycle/consent/consent-routes';
import { erasureRoutes } from './lifecycle/erasure/erasure-routes';
import { exportLineageRoutes } from './lifecycle/exports/export-lineage-routes';
import { subjectRecordingsRoute } from './installs/subject-recordings-route';
import type { LifecycleDeps } from './lifecycle/lifecycle-deps';
import { hideExpired } from './lifecycle/retention/hide-expired';
import { RetentionSweeper, type SweepTimers } from './lifecycle/retention/retention-sweeper';
import { retentionActive } from './lifecycle/retention/retention-window';
import type { Retention } from './settings/retention';
import { DEFAULT_NETWORK } from './settings/settings-schema';
import type { AuditSink } from '../lib/schema/audit-entry';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/audit-routes';
import { factsInForce } from './audit/facts-in-force';
import { requireRole } from './auth/require-role';
import { SessionCookies } from './auth/session-cookie';
import { loadSessionKey } from './auth/session-key';
import { viewerSessionRoutes } from './auth/viewer-session-routes';
import { ROLES } from './auth/roles';
import { readRoutes } from './read/read-routes';
import { ChunkFactsCache } from './read/chunk-facts';
import { completenessRoute } from './read/completeness-route';
import { openStore, type StoreSettings } from './store/open-store';
import { updateRoutes } from './updates/update-routes';
import { KeyedLock } from './util/keyed-lock';
import { viewerRoutes } from './viewer/viewer-routes';

export interface AppOptions {
  dataDir: string;
  /** Which store (default: fs in dataDir). */
  store?: StoreSettings;
  ingestTokens: readonly string[];
  readTokens: readonly string[];
  /** Tokens of the export and admin roles (server/auth/roles.ts); none: those endpoints refuse everyone. */
  exportTokens?: readonly string[];
  adminTokens?: readonly string[];
  /** Refuse batches (403) from installs without an active consent grant (default off). */
  requireConsentReceipt?: boolean;
  /** Sessions are deleted this many days after they start (0 or unset: kept until erased); the sweep interval. */
  retention?: Retention & { sweepEveryMs?: number; timers?: SweepTimers };
  /**
   * Where reads, erasures, retention sweeps and consent receipts are recorded. Default: the
   * hash-chained audit log in `<dataDir>/audit/` (server/audit/), which the admin reads at
   * /v1/admin/audit; a sink given here replaces it (tests).
   */
  audit?: AuditSink;
  /** Fastify's logger option: false (silent), true, or pino options (level, stream…). */
  logger: FastifyServerOptions['logger'];
  limits?: Partial<BodyLimits>;
  /** Bytes one session, and one install per day, may store. */
  caps?: Partial<IngestCaps>;
  /** Timeouts and the connection cap (effective when listening; `inject` has no connections). */
  network?: Partial<typeof DEFAULT_NETWORK>;
  /** Which install uploads a batch (default: per-install credentials, server/installs/credential-identity.ts). */
  identifyInstall?: InstallIdentity;
  /** Per-install credentials (issue 16): mode (default optional) and their schedule. */
  installCredentials?: { mode?: InstallCredentialMode } & Partial<CredentialPolicy>;
  /** The server's clock (tests). */
  now?: () => number;
  /** The built viewer (default: server/viewer/dist, written by `npm run build:viewer`). */
  viewerDir?: string;
  /** Serve self-hosted extension updates from this release directory (server/updates/); none when unset. */
  releaseDir?: string | null;
}

export const DEFAULT_VIEWER_DIR = fileURLToPath(new URL('./viewer/dist', import.meta.url));

/** Never log credentials, whatever serializers a caller adds. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'];

/**
 * The ingestion server as a Fastify instance (not listening). The store is
 * loaded while the app boots, so `await app.ready()` / `listen` / `inject`
 * only proceed once the on-disk index is in memory.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const tokens = new TokenRegistry({
    ingest: options.ingestTokens,
    read: options.readTokens,
    export: options.exportTokens ?? [],
    admin: options.adminTokens ?? [],
  });
  const retention: Retention = { days: options.retention?.days ?? 0, sites: options.retention?.sites };
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const stats = createIngestStats();
  const caps: IngestCaps = { ...DEFAULT_INGEST_CAPS, ...options.caps };
  const network = { ...DEFAULT_NETWORK, ...options.network };
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger: withRedaction(options.logger),
    // Bodies are only accepted by the batch route, which sets its own limit.
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    // Nothing may hold a connection for ever (Fastify's defaults are no limits): the whole request
    // (headers and body) within requestTimeout, its headers within headersTimeout, an idle
    // keep-alive connection closed after keepAliveTimeout.
    requestTimeout: network.requestTimeoutMs,
    keepAliveTimeout: network.keepAliveTimeoutMs,
    // Node checks those timeouts on this interval (30 s by default, longer than the timeouts).
    http: { headersTimeout: network.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, network.headersTimeoutMs) },
  });
  // Past the cap new connections are closed at once; the ones in use carry on.
  app.server.maxConnections = network.maxConnections;

  installErrorHandling(app, (request, code) => {
    const url = request.routeOptions.url;
    if (url === BATCHES_ROUTE || url === SHOTS_ROUTE || url === CONSENT_RECEIPTS_ROUTE) countRejection(stats, code);
  });

  app.get('/healthz', async () => ({ ok: true }));
  // Outside the token-checked scope: the page is static code; its data comes from the read API.
  app.register(viewerRoutes, { distDir: options.viewerDir ?? DEFAULT_VIEWER_DIR });
  // No token either: browsers' update checks carry no credentials.
  if (options.releaseDir) app.register(updateRoutes, { releaseDir: options.releaseDir });

  app.register(async (scope) => {
    const store = await openStore(options.store ?? { kind: 'fs', dataDir: options.dataDir }, app.log);
    const locks = new KeyedLock();
    const auditLog = options.audit
      ? null
      : await AuditLog.open(options.dataDir, { onTorn: (torn) => app.log.error({ torn }, 'audit log: a torn append was set aside') });
    const audit = options.audit ?? auditLog!.sink;
    const sweeper = new RetentionSweeper(
      { store, locks, retention, now, audit },
      app.log,
      options.retention?.sweepEveryMs,
      options.retention?.timers,
    );
    // Fastify runs onClose after the requests in flight are answered: their batches are durable by then.
    scope.addHook('onClose', async () => {
      await sweeper.stop();
      await store.close();
    });
    // Before the first request: a server that was off deletes what expired meanwhile.
    if (retentionActive(retention)) await sweeper.start();
    const ingest = { store, locks, stats, log: app.log, caps, usage: new InstallUsage(now) };
    const requireConsentReceipt = options.requireConsentReceipt ?? false;
    const { mode = 'optional', ...schedule } = options.installCredentials ?? {};
    const policy: CredentialPolicy = { ...DEFAULT_CREDENTIAL_POLICY, ...schedule };
    const identify = options.identifyInstall ?? credentialIdentity({ store, mode, now });
    await scope.register(batchRoute, { tokens, limits, ...ingest, identify, now, requireConsentReceipt });
    await scope.register(shotRoute, { tokens, ...ingest, identify, now, requireConsentReceipt });
    await scope.register(installRoutes, { store, tokens, policy, now, audit });
    const lifecycle: LifecycleDeps = { store, locks, tokens, now, audit, identify };
    await scope.register(consentRoutes, lifecycle);
    await scope.register(erasureRoutes, lifecycle);
    await scope.register(exportLineageRoutes, lifecycle);
    // The read API never serves a session past retention, swept or not.
    const readable = hideExpired(store, retention, now);
    await scope.register(subjectRecordingsRoute, { store: readable, audit, tokens, now });
    const facts = new ChunkFactsCache();
    // The viewer's sign-in: a session cookie stands in for the read token on the read routes' GETs.
    const sessions = new SessionCookies({ key: () => loadSessionKey(options.dataDir), now });
    await scope.register(viewerSessionRoutes, { tokens, sessions, audit });
    await scope.register(readRoutes, { tokens, sessions, store: readable, stats, facts, audit });
    if (auditLog) {
      const roles = ROLES.filter((role) => tokens.count(role) > 0);
      await scope.register(auditRoutes, {
        log: auditLog,
        requireAdmin: requireRole(tokens, 'admin'),
        processingFacts: () => factsInForce({ retention, roles }),
        now,
      });
    }
    await scope.register(completenessRoute, { tokens, sessions, store: readable, facts });
  });
  return app;
}

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return { ...base, redact: { paths: REDACT, censor: '[redacted]' } };
}
