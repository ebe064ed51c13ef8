import type { SessionSummary } from '../../../../lib/schema/read-api';
import type { SessionOutline } from '../../../../lib/schema/session-outline';
import { mapLimit } from '../../../util/map-limit';
import type { ReadClient } from '../api/read-client';
import { ReadApiError } from '../api/read-api-error';
import { h, replaceChildren } from '../dom';
import { formatCount } from '../../../../lib/rules/format/format-quantities';
import { sessionState, stateText } from './session-state';

/** Requests in flight while filling in a page of rows: the list is never N requests at once, nor N in a row. */
export const DETAIL_CONCURRENCY = 4;

/** The slots a row leaves for what is fetched after it is shown. */
export interface RowSlots {
  pages: HTMLElement;
  activity: HTMLElement;
  state: HTMLElement;
}

/**
 * Fills each row's pages, activity and badge from the outline and completeness
 * endpoints, DETAIL_CONCURRENCY sessions at a time, in the order shown.
 */
export async function fillRowDetails(
  client: Pick<ReadClient, 'outline' | 'completeness'>,
  rows: ReadonlyArray<{ session: SessionSummary; slots: RowSlots }>,
  opts: { signal: AbortSignal; now: () => number; onUnauthorized(err: ReadApiError): void },
): Promise<void> {
  await mapLimit(rows, DETAIL_CONCURRENCY, async ({ session, slots }) => {
    if (opts.signal.aborted) return;
    try {
      const [outline, completeness] = await Promise.all([
        client.outline(session.id, opts.signal),
        client.completeness(session.id, opts.signal),
      ]);
      if (opts.signal.aborted) return;
      showPages(slots.pages, outline);
      showActivity(slots.activity, outline.activity);
      const state = sessionState(completeness, session.endedAt, opts.now());
      const { label, detail } = stateText(state, completeness);
      slots.state.replaceChildren(
        h('span', { class: `badge state-${state}`, title: detail }, label),
        h('span', { class: 'visually-hidden' }, ` ${detail}`),
      );
    } catch (err) {
      if (opts.signal.aborted || (err as Error)?.name === 'AbortError') return;
      if (err instanceof ReadApiError && err.kind === 'unauthorized') return opts.onUnauthorized(err);
      slots.state.replaceChildren(h('span', { class: 'badge state-unknown', title: String((err as Error)?.message ?? err) }, 'Unknown'));
    }
  });
}

function showPages(slot: HTMLElement, outline: SessionOutline): void {
  const titles = [...new Set(outline.pages.map((p) => p.title).filter((t): t is string => t !== null))];
  const n = outline.pages.length;
  replaceChildren(
    slot,
    titles.length
      ? h(
          'span',
          { class: 'titles', title: titles.join(' \u2192 ') },
          titles.slice(0, 3).join(' \u2192 ') + (titles.length > 3 ? ' \u2026' : ''),
        )
      : null,
    h('span', { class: 'page-count' }, `${formatCount(n)} page${n === 1 ? '' : 's'} visited`),
  );
}

/** Bars, one per stretch of the session; described in words for screen readers. */
function showActivity(slot: HTMLElement, activity: readonly number[]): void {
  const max = Math.max(0, ...activity);
  const total = activity.reduce((a, b) => a + b, 0);
  const busiest = activity.indexOf(max);
  const words =
    total === 0 ? 'No actions.' : `${formatCount(total)} actions; busiest in part ${busiest + 1} of ${activity.length} of the session.`;
  slot.replaceChildren(
    h(
      'span',
      { class: 'sparkline', role: 'img', 'aria-label': `Activity: ${words}`, title: words },
      ...activity.map((n) => h('span', { class: 'bar', style: `height: ${n === 0 ? 0 : Math.max(8, Math.round((n / max) * 100))}%` })),
    ),
  );
}
