import type { FastifyInstance } from 'fastify';
import type { AuditSink } from '../../lib/schema/audit-entry';
import { recordSessionRead } from '../audit/record-read';
import { actionFromEvent } from '../../lib/schema/rrweb-event';
import type { z } from 'zod';
import type { SessionEventsPage, SessionSummary, SiteList, sessionListSchema } from '../../lib/schema/read-api';
import { requireRole } from '../auth/require-role';
import type { SessionCookies } from '../auth/session-cookie';
import type { TokenRegistry } from '../auth/token-registry';
import { HttpError } from '../http/http-error';
import type { IngestStats } from '../ingest/ingest-stats';
import { toSummary, type StoredChunk } from '../store/records';
import type { Store } from '../store/store';
import type { ChunkFactsCache } from './chunk-facts';
import { EventPager } from './event-pager';
import { jsonArrayStream } from './json-stream';
import { outlineRoute } from './outline-route';
import { shotReadRoutes } from './shot-read-routes';
import { querySessions, siteCounts } from './query-sessions';
import { parseOr400 } from '../http/parse-request';
import { DEFAULT_EVENTS_PAGE, eventsQuerySchema, sessionListQuerySchema, sessionParamsSchema } from './read-params';

export interface ReadRoutesOptions {
  tokens: TokenRegistry;
  /** The viewer's session cookies, accepted as the read role on GETs; none: bearer tokens only. */
  sessions?: SessionCookies;
  store: Store;
  stats: IngestStats;
  facts: ChunkFactsCache;
  /** Where reads of a session's content are recorded (the audit log); none: not recorded. */
  audit?: AuditSink;
}

/**
 * The read API (read token only), shapes from lib/schema/read-api.ts. Whole
 * sessions (events without paging, actions) are streamed chunk by chunk: a
 * session may be far larger than the server's heap.
 */
export async function readRoutes(app: FastifyInstance, opts: ReadRoutesOptions): Promise<void> {
  const { store } = opts;
  const pager = new EventPager(store, opts.facts);
  app.addHook('onRequest', requireRole(opts.tokens, 'read', opts.sessions));

  app.get('/v1/sessions', async (request): Promise<z.infer<typeof sessionListSchema>> => {
    const query = parseOr400(sessionListQuerySchema, request.query, 'invalid_query');
    return querySessions(await store.summaries(), query);
  });

  app.get('/v1/sites', async (): Promise<SiteList> => ({ sites: siteCounts(await store.summaries()) }));

  app.get('/v1/sessions/:id', async (request): Promise<SessionSummary> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const meta = await store.meta(id);
    if (!meta) throw notFound(id);
    return toSummary(meta);
  });

  app.get('/v1/sessions/:id/events', async (request, reply): Promise<SessionEventsPage | unknown> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const query = parseOr400(eventsQuerySchema, request.query, 'invalid_query');
    if (query.offset === undefined && query.limit === undefined) {
      // sessionEventsSchema: the whole array, streamed.
      if (!(await store.meta(id))) throw notFound(id);
      await recordSessionRead(opts.audit, request, id);
      return reply.type('application/json; charset=utf-8').send(
        await jsonArrayStream(
          chunkParts(id, (c) => c.events),
          request.log,
        ),
      );
    }
    const page = await pager.page(id, query.offset ?? 0, query.limit ?? DEFAULT_EVENTS_PAGE);
    if (!page) throw notFound(id);
    await recordSessionRead(opts.audit, request, id, { offset: query.offset ?? 0, events: page.events.length });
    return page;
  });

  // sessionActionsSchema: { actions: [...] }, streamed.
  app.get('/v1/sessions/:id/actions', async (request, reply) => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    if (!(await store.meta(id))) throw notFound(id);
    await recordSessionRead(opts.audit, request, id);
    // Each with its page: the viewer pairs screenshots with actions of the same page only.
    const actions = chunkParts(id, (c) =>
      c.events
        .map(actionFromEvent)
        .filter((a) => a !== null)
        .map((a) => ({ ...a, page: c.page })),
    );
    return reply
      .type('application/json; charset=utf-8')
      .send(await jsonArrayStream(actions, request.log, { prefix: '{"actions":', suffix: '}' }));
  });

  outlineRoute(app, store);
  shotReadRoutes(app, store, opts.audit);

  app.get('/v1/stats', async (): Promise<IngestStats> => opts.stats);

  /** One part per stored chunk, read a few at a time. */
  async function* chunkParts<T>(id: string, pick: (chunk: StoredChunk) => readonly T[]): AsyncGenerator<readonly T[]> {
    for await (const chunk of store.iterateChunks(id)) yield pick(chunk);
  }
}

const notFound = (id: string) => new HttpError(404, 'session_not_found', `no session ${id}`);
