import type { SessionCompleteness } from '../../../../lib/schema/read-api';

/** A session still recording: an open page whose last event is at most this old. */
export const LIVE_WITHIN_MS = 2 * 60_000;

export type SessionState = 'complete' | 'live' | 'incomplete';

/**
 * What the list's badge says. Missing chunks make a session incomplete; a page
 * without its end marker is live while events keep arriving, and incomplete
 * once it has been quiet for LIVE_WITHIN_MS (cut short, or its tail lost).
 */
export function sessionState(completeness: SessionCompleteness, endedAt: number, now: number): SessionState {
  if (completeness.complete) return 'complete';
  if (completeness.gaps.length === 0 && now - endedAt <= LIVE_WITHIN_MS) return 'live';
  return 'incomplete';
}

/** The badge's words, and the reason a researcher would want (as its tooltip and for screen readers). */
export function stateText(state: SessionState, completeness: SessionCompleteness): { label: string; detail: string } {
  const gaps = completeness.gaps.length;
  const open = completeness.openPages.length;
  switch (state) {
    case 'complete':
      return { label: 'Complete', detail: 'Every chunk of every page is on the server.' };
    case 'live':
      return { label: 'Live', detail: `Still recording: ${open} page${open === 1 ? '' : 's'} not ended yet.` };
    case 'incomplete':
      return {
        label: 'Incomplete',
        detail:
          [
            gaps ? `${gaps} stretch${gaps === 1 ? '' : 'es'} of chunks missing` : '',
            open ? `${open} page${open === 1 ? '' : 's'} never ended` : '',
          ]
            .filter(Boolean)
            .join('; ') + '.',
      };
  }
}

/** The list's legend: what each badge means, in the words sessionState decides by. */
export const STATE_LEGEND: ReadonlyArray<{ state: SessionState; label: string; meaning: string }> = [
  { state: 'complete', label: 'Complete', meaning: 'every chunk of every page is on the server and every page ended.' },
  {
    state: 'live',
    label: 'Live',
    meaning: `no chunk missing, a page not ended yet, and its last event less than ${LIVE_WITHIN_MS / 60_000} minutes ago: still recording.`,
  },
  {
    state: 'incomplete',
    label: 'Incomplete',
    meaning: `chunks missing, or a page that never ended and has been quiet for ${LIVE_WITHIN_MS / 60_000} minutes or more (cut short, or its tail lost).`,
  },
];
