import type { SessionSort, SessionSummary } from '../../../../lib/schema/read-api';
import { h } from '../dom';
import type { ListState } from './list-query';
import { sessionRow } from './session-rows';

const COLUMNS: Array<{ sort: SessionSort; label: string }> = [
  { sort: 'site', label: 'Site' },
  { sort: 'start', label: 'Started' },
  { sort: 'duration', label: 'Duration' },
  { sort: 'actions', label: 'Actions' },
  { sort: 'bytes', label: 'Size' },
];

/** The sessions table; every column header is a sort button that says how the table is sorted. */
export function renderTable(state: ListState, sessions: readonly SessionSummary[], onSort: (sort: SessionSort) => void): HTMLTableElement {
  const header = COLUMNS.map(({ sort, label }) => {
    const active = state.sort === sort;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : null },
      h('button', { type: 'button', class: 'sort', 'data-sort': sort, onclick: () => onSort(sort) },
        label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (state.order === 'asc' ? ' \u25B2' : ' \u25BC') : ''),
      ),
    );
  });
  const body = h('tbody');
  body.append(...sessions.map(sessionRow));
  return h('table', { class: 'sessions' },
    h('caption', { class: 'visually-hidden' }, 'Recorded sessions'),
    h('thead', null, h('tr', null, ...header)),
    body,
  );
}
