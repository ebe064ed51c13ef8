import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { TokenRegistry } from './http/bearer-auth';
import { installErrorHandling } from './http/error-handler';
import { BATCHES_ROUTE, batchRoute } from './ingest/batch-route';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './ingest/decode-batch';
import { countRejection, createIngestStats } from './ingest/ingest-stats';
import { readRoutes } from './read/read-routes';
import { completenessRoute } from './read/completeness-route';
import { SessionStore } from './store/session-store';
import { KeyedLock } from './util/keyed-lock';
import { viewerRoutes } from './viewer/viewer-routes';

export interface AppOptions {
  dataDir: string;
  ingestTokens: readonly string[];
  readTokens: readonly string[];
  /** Fastify's logger option: false (silent), true, or pino options (level, stream…). */
  logger: FastifyServerOptions['logger'];
  limits?: Partial<BodyLimits>;
  /** The built viewer (default: server/viewer/dist, written by `npm run build:viewer`). */
  viewerDir?: string;
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
  const tokens = new TokenRegistry({ ingest: options.ingestTokens, read: options.readTokens });
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const stats = createIngestStats();
  const app = Fastify({
    logger: withRedaction(options.logger),
    // Bodies are only accepted by the batch route, which sets its own limit.
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
  });

  installErrorHandling(app, (request, code) => {
    if (request.routeOptions.url === BATCHES_ROUTE) countRejection(stats, code);
  });

  app.get('/healthz', async () => ({ ok: true }));
  // Outside the token-checked scope: the page is static code; its data comes from the read API.
  app.register(viewerRoutes, { distDir: options.viewerDir ?? DEFAULT_VIEWER_DIR });

  app.register(async (scope) => {
    const store = await SessionStore.open(options.dataDir, app.log);
    const locks = new KeyedLock();
    await scope.register(batchRoute, { tokens, limits, store, locks, stats, log: app.log });
    await scope.register(readRoutes, { tokens, store, stats });
    await scope.register(completenessRoute, { tokens, store });
  });
  return app;
}

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return { ...base, redact: { paths: REDACT, censor: '[redacted]' } };
}
