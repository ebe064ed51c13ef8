import type { FastifyInstance } from 'fastify';
import type { SessionCompleteness } from '../../lib/schema/read-api';
import { isPageEndEvent } from '../../lib/schema/page-end';
import { requireToken, type TokenRegistry } from '../http/bearer-auth';
import { HttpError } from '../http/http-error';
import type { SessionStore } from '../store/session-store';
import { sessionCompleteness } from './completeness';
import { parseOr400, sessionParamsSchema } from './read-params';

export const COMPLETENESS_ROUTE = '/v1/sessions/:id/completeness';

export interface CompletenessRouteOptions {
  tokens: TokenRegistry;
  store: SessionStore;
}

/** GET /v1/sessions/:id/completeness (read token): complete or not, and where the gaps are. */
export async function completenessRoute(app: FastifyInstance, opts: CompletenessRouteOptions): Promise<void> {
  app.get(COMPLETENESS_ROUTE, { onRequest: requireToken(opts.tokens, 'read') }, async (request): Promise<SessionCompleteness> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const chunks = await opts.store.readChunks(id);
    if (!chunks) throw new HttpError(404, 'session_not_found', `no session ${id}`);
    const infos = chunks.map((c) => ({ page: c.page, seq: c.seq, ended: c.events.some(isPageEndEvent) }));
    return sessionCompleteness(id, infos, opts.store.drops.forSession(id));
  });
}
