import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actionFromEvent } from '../../lib/schema/rrweb-event';
import type {
  SessionEventsPage,
  SessionSummary,
  SiteList,
  sessionActionsSchema,
  sessionEventsSchema,
  sessionListSchema,
} from '../../lib/schema/read-api';
import { requireToken, type TokenRegistry } from '../http/bearer-auth';
import { HttpError } from '../http/http-error';
import type { IngestStats } from '../ingest/ingest-stats';
import { toSummary } from '../store/records';
import type { SessionStore } from '../store/session-store';
import { EventPager } from './event-pager';
import { querySessions, siteCounts } from './query-sessions';
import {
  DEFAULT_EVENTS_PAGE,
  eventsQuerySchema,
  parseOr400,
  sessionListQuerySchema,
  sessionParamsSchema,
} from './read-params';

export interface ReadRoutesOptions {
  tokens: TokenRegistry;
  store: SessionStore;
  stats: IngestStats;
}

/** The read API (read token only), shapes from lib/schema/read-api.ts. */
export async function readRoutes(app: FastifyInstance, opts: ReadRoutesOptions): Promise<void> {
  const { store } = opts;
  const pager = new EventPager(store, app.log);
  app.addHook('onRequest', requireToken(opts.tokens, 'read'));

  app.get('/v1/sessions', async (request): Promise<z.infer<typeof sessionListSchema>> => {
    const query = parseOr400(sessionListQuerySchema, request.query, 'invalid_query');
    return querySessions(store.summaries(), query);
  });

  app.get('/v1/sites', async (): Promise<SiteList> => ({ sites: siteCounts(store.summaries()) }));

  app.get('/v1/sessions/:id', async (request): Promise<SessionSummary> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const meta = store.meta(id);
    if (!meta) throw notFound(id);
    return toSummary(meta);
  });

  app.get(
    '/v1/sessions/:id/events',
    async (request): Promise<z.infer<typeof sessionEventsSchema> | SessionEventsPage> => {
      const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
      const query = parseOr400(eventsQuerySchema, request.query, 'invalid_query');
      if (query.offset === undefined && query.limit === undefined) {
        return (await chunksOf(id)).flatMap((c) => c.events);
      }
      const page = await pager.page(id, query.offset ?? 0, query.limit ?? DEFAULT_EVENTS_PAGE);
      if (!page) throw notFound(id);
      return page;
    },
  );

  app.get('/v1/sessions/:id/actions', async (request): Promise<z.infer<typeof sessionActionsSchema>> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const actions = (await chunksOf(id)).flatMap((c) => c.events.map(actionFromEvent));
    return { actions: actions.filter((a) => a !== null) };
  });

  app.get('/v1/stats', async (): Promise<IngestStats> => opts.stats);

  async function chunksOf(id: string) {
    const chunks = await store.readChunks(id);
    if (!chunks) throw notFound(id);
    return chunks;
  }
}

const notFound = (id: string) => new HttpError(404, 'session_not_found', `no session ${id}`);
