import { ACTION_TYPES } from '../../../../lib/schema/action';
import type { SessionPart, SessionRow, SessionSummary } from '../../../../lib/schema/read-api';
import { h } from '../dom';
import { formatBytes, formatCount, formatDateTime, formatDuration } from '../../../../lib/rules/format/format-quantities';
import { sessionHash } from '../routes';
import type { RowSlots } from './row-details';

export const totalActions = (counts: SessionSummary['actionCounts']): number => Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);

/** Each action type in words, one and many. */
const ACTION_WORDS: Record<(typeof ACTION_TYPES)[number], readonly [string, string]> = {
  click: ['click', 'clicks'],
  select: ['choice', 'choices'],
  type: ['text entry', 'text entries'],
  check: ['check', 'checks'],
  submit: ['form sent', 'forms sent'],
  key: ['key press', 'key presses'],
  navigate: ['navigation', 'navigations'],
  scroll: ['scroll', 'scrolls'],
};

/** "5 clicks, 3 text entries, 1 navigation": the types in their usual order, only those that occur. */
export function actionCountsText(counts: SessionSummary['actionCounts']): string {
  return ACTION_TYPES.filter((t) => (counts[t] ?? 0) > 0)
    .map((t) => `${formatCount(counts[t]!)} ${ACTION_WORDS[t][counts[t] === 1 ? 0 : 1]}`)
    .join(', ');
}

/**
 * One row: a session, or the sessions of one tab run (a tab that moved between
 * sites). A session is one tab's visit to one site, every page it loaded there
 * included. The site links to the first session; a run lists every session,
 * each a link. Its pages, activity and state fill in once fetched.
 */
export function sessionRow(s: SessionRow): { row: HTMLTableRowElement; slots: RowSlots } {
  const total = totalActions(s.actionCounts);
  const slots: RowSlots = {
    pages: h('span', { class: 'pages' }),
    activity: h('span', { class: 'activity' }),
    state: h('span', { class: 'state' }, h('span', { class: 'badge state-loading' }, '…')),
  };
  const row = h(
    'tr',
    null,
    h(
      'th',
      { scope: 'row' },
      h('a', { href: sessionHash(s.id) }, s.site),
      h('span', { class: 'url', title: s.url }, s.url),
      slots.pages,
      s.parts && s.parts.length > 1 ? runParts(s.parts) : null,
    ),
    h('td', null, slots.state),
    h('td', null, h('time', { datetime: new Date(s.startedAt).toISOString() }, formatDateTime(s.startedAt))),
    h('td', { class: 'num' }, formatDuration(s.endedAt - s.startedAt)),
    h(
      'td',
      null,
      h('span', { class: 'num total' }, formatCount(total)),
      total > 0 ? h('span', { class: 'counts' }, actionCountsText(s.actionCounts)) : null,
    ),
    h('td', null, slots.activity),
    h('td', { class: 'num' }, formatBytes(s.bytes)),
  );
  return { row, slots };
}

/** The sessions of a tab run, in the order visited, each opening that session. */
function runParts(parts: readonly SessionPart[]): HTMLElement {
  return h(
    'ol',
    { class: 'run-parts', 'aria-label': `${formatCount(parts.length)} sessions in this tab` },
    ...parts.map((p) =>
      h(
        'li',
        null,
        h(
          'a',
          { href: sessionHash(p.id), title: p.url },
          p.titles.length ? `${p.titles[0]} (${new URL(p.site).host})` : new URL(p.site).host,
        ),
      ),
    ),
  );
}
