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
import { shotImagePath, shotListSchema, type ShotKey } from '../../../../lib/schema/screenshot';
import { formatIssues } from '../../../../lib/schema/format-issues';
import { kindOfStatus, ReadApiError } from './read-api-error';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiOptions {
  viewerUrl: string;
  fetch?: FetchFn;
}

/**
 * One call to the server's API, its answer parsed with `schema`. The API is the
 * viewer page's parent (so a server behind a path prefix, /x/viewer/ → /x/v1/,
 * works). Same-origin credentials: the session cookie goes along, and nothing
 * else is needed, since the page never holds the token.
 */
export async function callApi<T extends z.ZodType>(
  opts: ApiOptions,
  path: string,
  schema: T,
  init: { method?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<z.output<T>> {
  const doFetch: FetchFn = opts.fetch ?? ((input, requestInit) => fetch(input, requestInit));
  let res: Response;
  try {
    res = await doFetch(new URL(path, new URL('../', opts.viewerUrl)).href, {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...init.headers },
      signal: init.signal,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ReadApiError('network', null, String((err as Error)?.message ?? err));
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw new ReadApiError(kindOfStatus(res.status), res.status, parsed.success ? parsed.data.message : res.statusText);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ReadApiError('invalid_response', res.status, formatIssues(parsed.error.issues, { max: 2 }));
  return parsed.data;
}

/** The viewer's only way to data: the server's read API, every answer parsed with the shared schemas. */
export function createReadClient(opts: ApiOptions) {
  const get = <T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal) => callApi(opts, path, schema, { signal });

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
    /** The session's captured screenshots (issue 15), oldest first. */
    shots: async (id: string, signal?: AbortSignal) => (await get(`${session(id)}/shots`, shotListSchema, signal)).shots,
    /** Where a shot's image is (an <img> fetches it with the session cookie, like every call here). */
    shotImageUrl: (key: ShotKey) => new URL(shotImagePath(key).replace(/^\//, ''), new URL('../', opts.viewerUrl)).href,
  };
}

export type ReadClient = ReturnType<typeof createReadClient>;
