import type { FastifyInstance } from 'fastify';
import type { SessionCompleteness } from '../../lib/schema/read-api';
import { shotDropTotals } from '../../lib/schema/shot-drops';
import { requireRole } from '../auth/require-role';
import type { SessionCookies } from '../auth/session-cookie';
import type { TokenRegistry } from '../auth/token-registry';
import { HttpError } from '../http/http-error';
import type { Store } from '../store/store';
import { mapLimit } from '../util/map-limit';
import { factsOf, type ChunkFactsCache } from './chunk-facts';
import { sessionCompleteness, type StoredChunkInfo } from './completeness';
import { parseOr400 } from '../http/parse-request';
import { sessionParamsSchema } from './read-params';

export const COMPLETENESS_ROUTE = '/v1/sessions/:id/completeness';

export interface CompletenessRouteOptions {
  tokens: TokenRegistry;
  /** The viewer's session cookies, accepted as the read role on GETs; none: bearer tokens only. */
  sessions?: SessionCookies;
  store: Store;
  facts: ChunkFactsCache;
}

/** Chunks read at once while learning which carry a page-end marker. */
const READ_AHEAD = 4;

/**
 * GET /v1/sessions/:id/completeness (read token): complete or not, and where
 * the gaps are, and how many screenshots it has. Each chunk is read once, a few at a time, and only whether it
 * ends its page is kept: memory grows with the number of chunks (a few
 * numbers each), never with their size.
 */
export async function completenessRoute(app: FastifyInstance, opts: CompletenessRouteOptions): Promise<void> {
  app.get(
    COMPLETENESS_ROUTE,
    { onRequest: requireRole(opts.tokens, 'read', opts.sessions) },
    async (request): Promise<SessionCompleteness> => {
      const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
      // Shots upload apart from chunks, so a session may be known by its shots alone for a while.
      const [chunkKeys, shots] = await Promise.all([opts.store.chunkKeys(id), opts.store.listShots(id)]);
      if (!chunkKeys && shots.length === 0) throw new HttpError(404, 'session_not_found', `no session ${id}`);
      const keys = chunkKeys ?? [];
      const infos: StoredChunkInfo[] = [];
      for (let i = 0; i < keys.length; i += READ_AHEAD) {
        const group = keys.slice(i, i + READ_AHEAD);
        const ended = await mapLimit(group, READ_AHEAD, async (key) => {
          const known = opts.facts.get(id, key);
          if (known) return known.ended;
          const facts = factsOf(await opts.store.readChunk(id, key));
          opts.facts.set(id, key, facts);
          return facts.ended;
        });
        for (const [k, key] of group.entries()) infos.push({ page: key.page, seq: key.seq, ended: ended[k]! });
      }
      const shotDrops = shotDropTotals(await opts.store.shotDrops(id));
      return { ...sessionCompleteness(id, infos, await opts.store.drops(id)), shots: shots.length, shotDrops };
    },
  );
}
