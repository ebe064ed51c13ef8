import type { SessionAction } from './load-session';

export const DEFAULT_IDLE_GAP_MS = 5 * 60_000;

/** A run of one session's actions: one episode before splits, dedup and rendering. */
export interface EpisodeCut {
  /** Position among the session's episodes (for its pseudonym). */
  index: number;
  site: string;
  actions: SessionAction[];
}

/** The site an action happened on: its page URL's origin, else the chunk's recorded site. */
export function siteOf(a: SessionAction): string {
  try {
    const origin = new URL(a.action.url).origin;
    return origin === 'null' ? a.site : origin;
  } catch {
    return a.site;
  }
}

/** Cuts a session's actions into episodes at idle gaps longer than `idleGapMs` and where the page's site changes. */
export function cutEpisodes(actions: readonly SessionAction[], idleGapMs = DEFAULT_IDLE_GAP_MS): EpisodeCut[] {
  const out: EpisodeCut[] = [];
  let current: EpisodeCut | null = null;
  let lastT = -Infinity;
  for (const a of actions) {
    const site = siteOf(a);
    if (!current || site !== current.site || a.action.t - lastT > idleGapMs) {
      current = { index: out.length, site, actions: [] };
      out.push(current);
    }
    current.actions.push(a);
    lastT = Math.max(lastT, a.action.t);
  }
  return out;
}
