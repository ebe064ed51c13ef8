import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actionFromEvent } from '../../lib/schema/rrweb-event';
import type { sessionActionsSchema, sessionEventsSchema, sessionListSchema } from '../../lib/schema/read-api';
import { requireToken, type TokenRegistry } from '../http/bearer-auth';
import { HttpError } from '../http/http-error';
import type { IngestStats } from '../ingest/ingest-stats';
import type { SessionStore } from '../store/session-store';
import { parseOr400, sessionListQuerySchema, sessionParamsSchema } from './read-params';

export interface ReadRoutesOptions {
  tokens: TokenRegistry;
  store: SessionStore;
  stats: IngestStats;
}

/** The read API (read token only), shapes from lib/schema/read-api.ts. */
export async function readRoutes(app: FastifyInstance, opts: ReadRoutesOptions): Promise<void> {
  const { store } = opts;
  app.addHook('onRequest', requireToken(opts.tokens, 'read'));

  app.get('/v1/sessions', async (request): Promise<z.infer<typeof sessionListSchema>> => {
    const query = parseOr400(sessionListQuerySchema, request.query, 'invalid_query');
    const all = store.summaries().filter((s) => query.site === undefined || s.site === query.site);
    return { sessions: all.slice(query.offset, query.offset + query.limit) };
  });

  app.get('/v1/sessions/:id/events', async (request): Promise<z.infer<typeof sessionEventsSchema>> => {
    return (await chunksOf(request.params)).flatMap((c) => c.events);
  });

  app.get('/v1/sessions/:id/actions', async (request): Promise<z.infer<typeof sessionActionsSchema>> => {
    const actions = (await chunksOf(request.params)).flatMap((c) => c.events.map(actionFromEvent));
    return { actions: actions.filter((a) => a !== null) };
  });

  app.get('/v1/stats', async (): Promise<IngestStats> => opts.stats);

  async function chunksOf(params: unknown) {
    const { id } = parseOr400(sessionParamsSchema, params, 'invalid_session_id');
    const chunks = await store.readChunks(id);
    if (!chunks) throw new HttpError(404, 'session_not_found', `no session ${id}`);
    return chunks;
  }
}
