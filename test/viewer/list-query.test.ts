import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  DEFAULT_LIST_STATE,
  filterProblem,
  listStateFromParams,
  listStateToParams,
  pageInfo,
  toggleSort,
  withFilter,
  type ListState,
} from '../../server/viewer/web/list/list-query';

const state = (over: Partial<ListState> = {}): ListState => ({ ...DEFAULT_LIST_STATE, ...over });

describe('list state in the URL', () => {
  it('round-trips every field and leaves defaults out of the link', () => {
    const s = state({
      site: 'http://127.0.0.1:5173',
      from: '2025-11-01',
      to: '2025-11-22',
      sort: 'bytes',
      order: 'asc',
      page: 3,
      pageSize: 100,
    });
    const params = listStateToParams(s);
    expect(params.toString()).toBe('site=http%3A%2F%2F127.0.0.1%3A5173&from=2025-11-01&to=2025-11-22&sort=bytes&order=asc&page=3&size=100');
    expect(listStateFromParams(params)).toEqual(s);
    expect(listStateToParams(DEFAULT_LIST_STATE).toString()).toBe('');
  });

  it('falls back to defaults for anything malformed, so a mangled link still opens', () => {
    const params = new URLSearchParams('sort=bogus&order=up&page=-2&size=33&from=2025-02-30&to=yesterday&site=');
    expect(listStateFromParams(params)).toEqual(DEFAULT_LIST_STATE);
  });

  it("takes the sort's natural order when none is given", () => {
    expect(listStateFromParams(new URLSearchParams('sort=site')).order).toBe('asc');
    expect(listStateFromParams(new URLSearchParams('sort=duration')).order).toBe('desc');
  });
});

describe('the API query of a list state', () => {
  it('turns local days into [midnight of from, midnight after to) and pages into offsets', () => {
    const q = apiQuery(state({ from: '2025-11-01', to: '2025-11-03', page: 4, pageSize: 25, site: 'https://a.example' }));
    expect(Number(q.get('from'))).toBe(new Date(2025, 10, 1).getTime());
    expect(Number(q.get('to'))).toBe(new Date(2025, 10, 4).getTime());
    expect(q.get('offset')).toBe('75');
    expect(q.get('limit')).toBe('25');
    expect(q.get('site')).toBe('https://a.example');
    expect(q.get('sort')).toBe('start');
    expect(q.get('order')).toBe('desc');
    expect(q.get('stitch')).toBe('tab');
  });

  it('sends no date bounds when none are set', () => {
    const q = apiQuery(DEFAULT_LIST_STATE);
    expect(q.has('from') || q.has('to') || q.has('site')).toBe(false);
  });

  it('names a reversed date range instead of asking the server', () => {
    expect(filterProblem(state({ from: '2025-11-05', to: '2025-11-01' }))).toMatch(/before/);
    expect(filterProblem(state({ from: '2025-11-01', to: '2025-11-01' }))).toBeNull();
  });
});

describe('sorting and paging', () => {
  it('flips the order on the same column, starts a new column in its natural order, and goes back to page 1', () => {
    const s = state({ page: 5 });
    expect(toggleSort(s, 'start')).toMatchObject({ sort: 'start', order: 'asc', page: 1 });
    expect(toggleSort(toggleSort(s, 'start'), 'start')).toMatchObject({ order: 'desc' });
    expect(toggleSort(s, 'site')).toMatchObject({ sort: 'site', order: 'asc' });
    expect(toggleSort(s, 'bytes')).toMatchObject({ sort: 'bytes', order: 'desc' });
  });

  it('restarts at page 1 when a filter changes', () => {
    expect(withFilter(state({ page: 9 }), { site: 'x' })).toMatchObject({ site: 'x', page: 1 });
  });

  it('describes the rows shown and whether there is a page before and after', () => {
    expect(pageInfo(state({ page: 1, pageSize: 50 }), 3214, 50)).toEqual({ pages: 65, first: 1, last: 50, hasPrev: false, hasNext: true });
    expect(pageInfo(state({ page: 65, pageSize: 50 }), 3214, 14)).toEqual({
      pages: 65,
      first: 3201,
      last: 3214,
      hasPrev: true,
      hasNext: false,
    });
    expect(pageInfo(state(), 0, 0)).toEqual({ pages: 1, first: 0, last: 0, hasPrev: false, hasNext: false });
  });
});
