import type { SiteList } from '../../../../lib/schema/read-api';
import type { ReadClient } from '../api/read-client';
import { describeError, ReadApiError } from '../api/read-api-error';
import { h } from '../dom';
import { formatCount } from '../../../../lib/rules/format/format-quantities';
import { listHash } from '../routes';
import {
  apiQuery,
  filterProblem,
  listStateFromParams,
  listStateToParams,
  PAGE_SIZES,
  pageInfo,
  toggleSort,
  withFilter,
  type ListState,
} from './list-query';
import { renderTable } from './list-table';
import { fillRowDetails } from './row-details';
import { STATE_LEGEND } from './session-state';

export interface ListViewDeps {
  client: ReadClient;
  params: URLSearchParams;
  onUnauthorized(err: ReadApiError): void;
  /** The clock a session is judged live by (tests inject one). */
  now?: () => number;
}

/**
 * The session list. Filtering, sorting and paging happen on the server, so a
 * page costs the same with ten sessions or ten thousand; the state lives in
 * the URL hash, so back/forward and shared links restore it.
 */
export function openListView(container: HTMLElement, deps: ListViewDeps): () => void {
  let state = listStateFromParams(deps.params);
  let inflight: AbortController | null = null;
  let disposed = false;
  const unauthorized = (err: ReadApiError): void => {
    if (!disposed) deps.onUnauthorized(err);
  };

  const site = h('select', { name: 'site', onchange: () => update(withFilter(state, { site: site.value || null })) });
  const from = h('input', { type: 'date', name: 'from', onchange: () => update(withFilter(state, { from: from.value || null })) });
  const to = h('input', { type: 'date', name: 'to', onchange: () => update(withFilter(state, { to: to.value || null })) });
  const size = h(
    'select',
    { name: 'size', onchange: () => update(withFilter(state, { pageSize: Number(size.value) })) },
    ...PAGE_SIZES.map((n) => h('option', { value: String(n) }, String(n))),
  );
  const clear = h(
    'button',
    { type: 'button', onclick: () => update(withFilter(state, { site: null, from: null, to: null })) },
    'Clear filters',
  );
  const status = h('p', { class: 'list-status', role: 'status' }, 'Loading sessions...');
  const tableSlot = h('div', { class: 'table-slot' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  container.replaceChildren(
    h(
      'section',
      { class: 'list', 'aria-labelledby': 'list-title' },
      h('h1', { id: 'list-title' }, 'Sessions'),
      h(
        'form',
        { class: 'filters', role: 'search', 'aria-label': 'Filter sessions', onsubmit: (e) => e.preventDefault() },
        h('label', null, 'Site ', site),
        h('label', null, 'From ', from),
        h('label', null, 'To ', to),
        h('label', null, 'Per page ', size),
        clear,
      ),
      status,
      tableSlot,
      pager,
      stateLegend(),
    ),
  );

  const syncForm = () => {
    site.value = state.site ?? '';
    from.value = state.from ?? '';
    to.value = state.to ?? '';
    size.value = String(state.pageSize);
  };

  const update = (next: ListState) => {
    state = next;
    // pushState, not a hash assignment: no hashchange, so the form keeps focus; back/forward still work.
    history.pushState(null, '', listHash(listStateToParams(state)));
    syncForm();
    void load();
  };

  async function load(): Promise<void> {
    inflight?.abort();
    const problem = filterProblem(state);
    if (problem) {
      status.textContent = problem;
      return;
    }
    const controller = (inflight = new AbortController());
    tableSlot.setAttribute('aria-busy', 'true');
    try {
      const { sessions, total } = await deps.client.sessions(apiQuery(state), controller.signal);
      if (controller.signal.aborted) return;
      const info = pageInfo(state, total, sessions.length);
      if (sessions.length === 0 && total > 0 && state.page > info.pages) return update({ ...state, page: info.pages });
      const { table, rows } = renderTable(state, sessions, (sort) => update(toggleSort(state, sort)));
      tableSlot.replaceChildren(table);
      void fillRowDetails(deps.client, rows, { signal: controller.signal, now: deps.now ?? Date.now, onUnauthorized: unauthorized });
      status.textContent =
        total === 0
          ? 'No sessions match these filters.'
          : `Showing ${formatCount(info.first)}\u2013${formatCount(info.last)} of ${formatCount(total)} ${total === 1 ? 'session' : 'sessions'}`;
      renderPager(info.pages, info.hasPrev, info.hasNext);
    } catch (err) {
      if (controller.signal.aborted) return;
      if (err instanceof ReadApiError && err.kind === 'unauthorized') return unauthorized(err);
      status.textContent = describeError(err);
    } finally {
      if (inflight === controller) tableSlot.removeAttribute('aria-busy');
    }
  }

  function renderPager(pages: number, hasPrev: boolean, hasNext: boolean): void {
    const go = (page: number) => update({ ...state, page });
    pager.replaceChildren(
      h('button', { type: 'button', disabled: !hasPrev, onclick: () => go(1) }, 'First'),
      h('button', { type: 'button', disabled: !hasPrev, onclick: () => go(state.page - 1) }, 'Previous'),
      h('span', { class: 'page-of' }, `Page ${formatCount(state.page)} of ${formatCount(pages)}`),
      h('button', { type: 'button', disabled: !hasNext, onclick: () => go(state.page + 1) }, 'Next'),
      h('button', { type: 'button', disabled: !hasNext, onclick: () => go(pages) }, 'Last'),
    );
  }

  function renderSites(list: SiteList['sites']): void {
    const known = new Set(list.map((s) => s.site));
    const extra = state.site && !known.has(state.site) ? [{ site: state.site, sessions: 0 }] : [];
    site.replaceChildren(
      h('option', { value: '' }, 'All sites'),
      ...[...list, ...extra].map((s) => h('option', { value: s.site }, `${s.site} (${formatCount(s.sessions)})`)),
    );
    site.value = state.site ?? '';
  }

  renderSites([]);
  syncForm();
  deps.client.sites().then(
    ({ sites }) => renderSites(sites),
    (err: unknown) => {
      if (err instanceof ReadApiError && err.kind === 'unauthorized') unauthorized(err);
    },
  );
  void load();
  return () => {
    disposed = true;
    inflight?.abort();
  };
}

/** What the State column's badges mean (each badge's tooltip gives the session's own reason). */
function stateLegend(): HTMLElement {
  return h(
    'dl',
    { class: 'state-legend', 'aria-label': 'What the states mean' },
    ...STATE_LEGEND.flatMap(({ state, label, meaning }) => [
      h('dt', null, h('span', { class: `badge state-${state}` }, label)),
      h('dd', null, meaning),
    ]),
  );
}
