import type { Action } from '../../schema/action';
import type { CaptureContext, Teardown } from '../context';

export type NavigationKind = NonNullable<Action['navigation']>;

/** The part of the Navigation API used here (not in TypeScript's DOM lib). */
interface NavigationLike extends EventTarget {
  currentEntry?: { url?: string | null } | null;
}
interface CurrentEntryChangeEvent extends Event {
  navigationType?: string | null;
  from?: { url?: string | null } | null;
}

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

export function isHashOnlyChange(from: string, to: string): boolean {
  return from !== to && withoutHash(from) === withoutHash(to);
}

/**
 * Navigation API navigationType → our kind: push/replace/traverse stay, except a
 * change of the fragment only, which is 'hash'; reload stays. Anything else
 * (null for navigation.updateCurrentEntry()) is not a navigation: null.
 */
export function mapNavigationType(type: string | null | undefined, from: string | undefined, to: string): NavigationKind | null {
  if (type === 'reload') return 'reload';
  if (type !== 'push' && type !== 'replace' && type !== 'traverse') return null;
  return from !== undefined && isHashOnlyChange(from, to) ? 'hash' : type;
}

/**
 * `navigate`: 'load' at start, then SPA history changes. The isolated world
 * cannot patch the page's history.pushState, so the Navigation API's
 * `currententrychange` is used when present, else popstate ('pop', or 'hash')
 * and hashchange ('hash'). In both cases a check before every other action
 * notices a URL that changed without an event (pushState/replaceState without
 * the API), reported as 'push': push and replace cannot be told apart then.
 * Deduplicated by URL: one change, one action.
 */
export function initNavigate(ctx: CaptureContext): Teardown {
  const href = (): string => ctx.win.location.href;
  let lastUrl = href();
  ctx.emit({ type: 'navigate', target: null, navigation: 'load' });

  const record = (kind: NavigationKind): void => {
    const url = href();
    if (url === lastUrl) return;
    lastUrl = url; // before emit: the silent-change flusher must not report it again
    ctx.emit({ type: 'navigate', target: null, navigation: kind });
  };

  // Always on, and cheap (one location read per action): catches what no event reported.
  const teardowns = [ctx.addFlusher(() => record('push'))];
  const navigation = (ctx.win as unknown as { navigation?: NavigationLike }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    teardowns.push(
      ctx.listen(navigation, 'currententrychange', (event) => {
        const change = event as CurrentEntryChangeEvent;
        const kind = mapNavigationType(change.navigationType, change.from?.url ?? lastUrl, href());
        if (kind) record(kind);
      }),
    );
  } else {
    // popstate and hashchange both fire for a fragment navigation; URL dedup keeps the first.
    teardowns.push(
      ctx.listen(ctx.win, 'popstate', () => record(isHashOnlyChange(lastUrl, href()) ? 'hash' : 'pop')),
      ctx.listen(ctx.win, 'hashchange', () => record('hash')),
    );
  }
  return () => teardowns.forEach((off) => off());
}
