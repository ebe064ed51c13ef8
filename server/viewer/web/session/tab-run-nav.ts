import type { SessionSummary } from '../../../../lib/schema/read-api';
import { h } from '../dom';
import { formatCount } from '../../../../lib/rules/format/format-quantities';
import { sessionHash } from '../routes';

/**
 * The sessions of the open session's tab run (a tab that moved between
 * sites), in the order visited, each a link and the open one marked: the
 * list shows the run as one row opening its first session, this reaches the
 * others from the player. Null for a session alone in its run.
 */
export function tabRunNav(run: readonly SessionSummary[], currentId: string): HTMLElement | null {
  if (run.length < 2) return null;
  return h(
    'nav',
    { class: 'tab-run', 'aria-label': 'Sessions of this tab' },
    h('span', { class: 'tab-run-label' }, `This tab, ${formatCount(run.length)} sessions: `),
    h(
      'ol',
      { class: 'run-parts' },
      ...run.map((s, i) => {
        const name = `${i + 1}. ${s.titles[0] ?? new URL(s.site).host}`;
        return h(
          'li',
          null,
          s.id === currentId
            ? h('span', { 'aria-current': 'page' }, name)
            : h('a', { href: sessionHash(s.id), title: `${s.site} ${s.url}` }, name),
        );
      }),
    ),
  );
}
