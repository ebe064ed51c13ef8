import type { SessionRow, SessionSort } from '../../../../lib/schema/read-api';
import { h } from '../dom';
import type { ListState } from './list-query';
import type { RowSlots } from './row-details';
import { sessionRow } from './session-rows';

/** Columns in order; those with a sort key have a sort button, the others a plain header. */
const COLUMNS: Array<{ sort: SessionSort | null; label: string }> = [
  { sort: 'site', label: 'Site' },
  { sort: null, label: 'State' },
  { sort: 'start', label: 'Started' },
  { sort: 'duration', label: 'Duration' },
  { sort: 'actions', label: 'Actions' },
  { sort: null, label: 'Activity' },
  { sort: 'bytes', label: 'Size' },
];

/** The sessions table; every column header is a sort button that says how the table is sorted. */
export function renderTable(
  state: ListState,
  sessions: readonly SessionRow[],
  onSort: (sort: SessionSort) => void,
): { table: HTMLTableElement; rows: Array<{ session: SessionRow; slots: RowSlots }> } {
  const header = COLUMNS.map(({ sort, label }) => {
    if (sort === null) return h('th', { scope: 'col' }, label);
    const active = state.sort === sort;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : null },
      h(
        'button',
        { type: 'button', class: 'sort', 'data-sort': sort, onclick: () => onSort(sort) },
        label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (state.order === 'asc' ? ' \u25B2' : ' \u25BC') : ''),
      ),
    );
  });
  const body = h('tbody');
  const rows = sessions.map((session) => ({ session, ...sessionRow(session) }));
  body.append(...rows.map((r) => r.row));
  const table = h(
    'table',
    { class: 'sessions' },
    h('caption', { class: 'visually-hidden' }, 'Recorded sessions'),
    h('thead', null, h('tr', null, ...header)),
    body,
  );
  return { table, rows: rows.map(({ session, slots }) => ({ session, slots })) };
}
