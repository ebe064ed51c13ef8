import { z } from 'zod';
import { defaultSortOrder, sessionSortSchema, sortOrderSchema, type SessionSort, type SortOrder } from '../../../../lib/schema/read-api';

/** What the session list shows: filters, sort and page. Kept in the URL hash. */
export interface ListState {
  site: string | null;
  /** Local calendar days, "YYYY-MM-DD", both inclusive. */
  from: string | null;
  to: string | null;
  sort: SessionSort;
  order: SortOrder;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_LIST_STATE: ListState = {
  site: null,
  from: null,
  to: null,
  sort: 'start',
  order: 'desc',
  page: 1,
  pageSize: 50,
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(localMidnight(d)));
const hashSchema = z.object({
  site: z.string().min(1).max(300).nullable().catch(null),
  from: day.nullable().catch(null),
  to: day.nullable().catch(null),
  sort: sessionSortSchema.catch(DEFAULT_LIST_STATE.sort),
  order: sortOrderSchema.nullable().catch(null),
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_LIST_STATE.pageSize),
});

/** From the hash's query; anything missing or malformed falls back to the default (a shared link never breaks). */
export function listStateFromParams(params: URLSearchParams): ListState {
  const get = (key: string) => params.get(key) ?? undefined;
  const parsed = hashSchema.parse({
    site: get('site') ?? null,
    from: get('from') ?? null,
    to: get('to') ?? null,
    sort: get('sort'),
    order: get('order') ?? null,
    page: get('page'),
    pageSize: get('size'),
  });
  return { ...parsed, order: parsed.order ?? defaultSortOrder(parsed.sort) };
}

/** To the hash's query, leaving out defaults so links stay short. */
export function listStateToParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.site) params.set('site', state.site);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== DEFAULT_LIST_STATE.sort) params.set('sort', state.sort);
  if (state.order !== defaultSortOrder(state.sort)) params.set('order', state.order);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_LIST_STATE.pageSize) params.set('size', String(state.pageSize));
  return params;
}

/** The GET /v1/sessions query for a state: days become [local midnight of from, local midnight after to). */
export function apiQuery(state: ListState): URLSearchParams {
  const query = new URLSearchParams({
    sort: state.sort,
    order: state.order,
    limit: String(state.pageSize),
    offset: String((state.page - 1) * state.pageSize),
    // One row per tab run: a tab that moved between sites is one row (server/read/stitch-sessions.ts).
    stitch: 'tab',
  });
  if (state.site) query.set('site', state.site);
  if (state.from) query.set('from', String(localMidnight(state.from)));
  if (state.to) query.set('to', String(localMidnight(state.to, 1)));
  return query;
}

/** Sorting by the current column flips its order; another column starts in its natural order. Back to page 1. */
export function toggleSort(state: ListState, sort: SessionSort): ListState {
  const order = state.sort === sort ? (state.order === 'asc' ? 'desc' : 'asc') : defaultSortOrder(sort);
  return { ...state, sort, order, page: 1 };
}

/** Any filter change starts again at page 1. */
export function withFilter(state: ListState, change: Partial<Pick<ListState, 'site' | 'from' | 'to' | 'pageSize'>>): ListState {
  return { ...state, ...change, page: 1 };
}

export interface PageInfo {
  pages: number;
  /** 1-based positions of the first and last rows shown; 0 and 0 when there are none. */
  first: number;
  last: number;
  hasPrev: boolean;
  hasNext: boolean;
}

export function pageInfo(state: ListState, total: number, shown: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const first = shown === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  return { pages, first, last: shown === 0 ? 0 : first + shown - 1, hasPrev: state.page > 1, hasNext: state.page < pages };
}

/** A filter the server would refuse, in plain words; null when fine. */
export function filterProblem(state: ListState): string | null {
  if (state.from && state.to && state.from > state.to) return 'The "to" day is before the "from" day.';
  return null;
}

/** Epoch ms of a local day's midnight (plus some days); NaN for a day that does not exist (2025-02-30). */
function localMidnight(dayText: string, plusDays = 0): number {
  const [y, m, d] = dayText.split('-').map(Number) as [number, number, number];
  const check = new Date(y, m - 1, d);
  if (check.getFullYear() !== y || check.getMonth() !== m - 1 || check.getDate() !== d) return Number.NaN;
  return new Date(y, m - 1, d + plusDays).getTime();
}
