import type { z } from 'zod';
import { errorBodySchema } from '../../../../lib/schema/batch';
import {
  sessionActionsSchema,
  sessionCompletenessSchema,
  sessionEventsPageSchema,
  sessionListSchema,
  sessionSummarySchema,
  siteListSchema,
} from '../../../../lib/schema/read-api';
import { sessionOutlineSchema } from '../../../../lib/schema/session-outline';
import { formatIssues } from '../../../../lib/schema/format-issues';
import { kindOfStatus, ReadApiError } from './read-api-error';

type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The viewer's only way to data: the server's read API, every answer parsed
 * with the shared schemas. `viewerUrl` is the viewer page's address; the API
 * is its parent (so a server behind a path prefix, /x/viewer/ → /x/v1/, works).
 */
export function createReadClient(opts: { viewerUrl: string; token: string; fetch?: FetchFn }) {
  const doFetch: FetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  const apiRoot = new URL('../', opts.viewerUrl);

  async function get<T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal): Promise<z.output<T>> {
    let res: Response;
    try {
      res = await doFetch(new URL(path, apiRoot).href, {
        headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json' },
        signal,
        cache: 'no-store',
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ReadApiError('network', null, String((err as Error)?.message ?? err));
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const parsed = errorBodySchema.safeParse(body);
      throw new ReadApiError(kindOfStatus(res.status), res.status, parsed.success ? parsed.data.message : res.statusText);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ReadApiError('invalid_response', res.status, formatIssues(parsed.error.issues, { max: 2 }));
    return parsed.data;
  }

  const session = (id: string) => `v1/sessions/${encodeURIComponent(id)}`;
  return {
    sessions: (query: URLSearchParams, signal?: AbortSignal) => get(`v1/sessions?${query}`, sessionListSchema, signal),
    sites: (signal?: AbortSignal) => get('v1/sites', siteListSchema, signal),
    session: (id: string, signal?: AbortSignal) => get(session(id), sessionSummarySchema, signal),
    actions: async (id: string, signal?: AbortSignal) => (await get(`${session(id)}/actions`, sessionActionsSchema, signal)).actions,
    completeness: (id: string, signal?: AbortSignal) => get(`${session(id)}/completeness`, sessionCompletenessSchema, signal),
    outline: (id: string, signal?: AbortSignal) => get(`${session(id)}/outline`, sessionOutlineSchema, signal),
    eventsPage: (id: string, offset: number, limit: number, signal?: AbortSignal) =>
      get(`${session(id)}/events?offset=${offset}&limit=${limit}`, sessionEventsPageSchema, signal),
  };
}

export type ReadClient = ReturnType<typeof createReadClient>;
