import type { FastifyInstance } from 'fastify';
import type { SessionOutline } from '../../lib/schema/session-outline';
import { HttpError } from '../http/http-error';
import type { Store } from '../store/store';
import { parseOr400 } from '../http/parse-request';
import { sessionParamsSchema } from './read-params';
import { createOutlineBuilder } from './session-outline';

export const OUTLINE_ROUTE = '/v1/sessions/:id/outline';

/** Outlines remembered; each is a few numbers and titles. */
const MAX_CACHED = 1_000;

/**
 * GET /v1/sessions/:id/outline: pages, titles and activity (lib/schema/session-outline.ts).
 * Reading a session once per new chunk is the cost: the outline is remembered
 * with the chunk count it was built from, so a list shown again costs nothing
 * until the session grows. Registered inside the read routes (read token).
 */
export function outlineRoute(app: FastifyInstance, store: Store): void {
  const cache = new Map<string, { chunks: number; outline: SessionOutline }>();
  app.get(OUTLINE_ROUTE, async (request): Promise<SessionOutline> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const meta = await store.meta(id);
    if (!meta) throw new HttpError(404, 'session_not_found', `no session ${id}`);
    const known = cache.get(id);
    cache.delete(id);
    if (known && known.chunks === meta.chunks) {
      cache.set(id, known);
      return known.outline;
    }
    const builder = createOutlineBuilder(id, meta.startedAt, meta.endedAt);
    let chunks = 0;
    for await (const chunk of store.iterateChunks(id)) {
      builder.add(chunk.page, chunk.events);
      chunks++;
    }
    const outline = builder.result();
    // Chunks that arrived while reading make the count differ next time: built again then.
    cache.set(id, { chunks: Math.min(chunks, meta.chunks), outline });
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return outline;
  });
}
