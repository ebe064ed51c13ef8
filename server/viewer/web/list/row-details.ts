import type { SessionCompleteness, SessionRow } from '../../../../lib/schema/read-api';
import type { SessionOutline } from '../../../../lib/schema/session-outline';
import { mapLimit } from '../../../util/map-limit';
import type { ReadClient } from '../api/read-client';
import { ReadApiError } from '../api/read-api-error';
import { h, replaceChildren } from '../dom';
import { formatCount } from '../../../../lib/rules/format/format-quantities';
import { sessionState, stateText } from './session-state';
import { activitySparkline } from './sparkline';

/** Requests in flight while filling in a page of rows: the list is never N requests at once, nor N in a row. */
export const DETAIL_CONCURRENCY = 4;

/** The slots a row leaves for what is fetched after it is shown. */
export interface RowSlots {
  pages: HTMLElement;
  activity: HTMLElement;
  state: HTMLElement;
}

/**
 * Fills each row's badge from the completeness endpoint, and its pages and
 * activity from the summary (kept at ingest), DETAIL_CONCURRENCY sessions at a
 * time, in the order shown. A summary stored before it kept them (empty
 * `activity`) is filled from the outline endpoint instead.
 */
export async function fillRowDetails(
  client: Pick<ReadClient, 'outline' | 'completeness'>,
  rows: ReadonlyArray<{ session: SessionRow; slots: RowSlots }>,
  opts: { signal: AbortSignal; now: () => number; onUnauthorized(err: ReadApiError): void },
): Promise<void> {
  await mapLimit(rows, DETAIL_CONCURRENCY, async ({ session, slots }) => {
    if (opts.signal.aborted) return;
    try {
      // A tab run's outline is its summary's: the first session's outline would show only part of it.
      const stitched = (session.parts?.length ?? 1) > 1;
      const [outline, completeness] = await Promise.all([
        session.activity.length > 0 || stitched ? outlineFromSummary(session) : client.outline(session.id, opts.signal).then(fromOutline),
        rowCompleteness(client, session, opts.signal),
      ]);
      if (opts.signal.aborted) return;
      showPages(slots.pages, outline);
      slots.activity.replaceChildren(activitySparkline(outline.activity));
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

/**
 * The row's completeness: its session's, or a tab run's sessions' together
 * (complete only when each is; their gaps and open pages summed). Asked one
 * session after another, so a long run adds no requests in parallel.
 */
async function rowCompleteness(
  client: Pick<ReadClient, 'completeness'>,
  row: SessionRow,
  signal: AbortSignal,
): Promise<SessionCompleteness> {
  const ids = row.parts?.map((p) => p.id) ?? [row.id];
  const each: SessionCompleteness[] = [];
  for (const id of ids) each.push(await client.completeness(id, signal));
  if (each.length === 1) return each[0]!;
  return {
    id: row.id,
    complete: each.every((c) => c.complete),
    pages: each.flatMap((c) => c.pages),
    gaps: each.flatMap((c) => c.gaps),
    openPages: each.flatMap((c) => c.openPages),
  };
}

/** What the row shows, whichever endpoint it came from. */
interface RowOutline {
  titles: string[];
  pages: number;
  activity: readonly number[];
}

const outlineFromSummary = (s: SessionRow): RowOutline => ({ titles: s.titles, pages: s.pages, activity: s.activity });

function fromOutline(outline: SessionOutline): RowOutline {
  const titles = [...new Set(outline.pages.map((p) => p.title).filter((t): t is string => t !== null))];
  return { titles, pages: outline.pages.length, activity: outline.activity };
}

function showPages(slot: HTMLElement, { titles, pages: n }: RowOutline): void {
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
