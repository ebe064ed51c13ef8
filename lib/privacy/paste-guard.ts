import type { recordOptions } from 'rrweb';

type RecordPlugin = NonNullable<recordOptions<unknown>['plugins']>[number];

/**
 * Remembers every field something was pasted into, so its value is never
 * recorded even where the policy allows values: pasted text is often copied
 * from somewhere private. Runs as an rrweb plugin so rrweb starts and stops
 * it with each recorded document (same-origin iframes included); it emits nothing.
 */
export function pasteGuardPlugin(pasted: WeakSet<Element>): RecordPlugin {
  return {
    name: 'webtrace/paste-guard',
    observer: (_emit, win) => {
      const onPaste = (event: Event) => {
        for (const node of event.composedPath()) {
          if ((node as Node).nodeType !== 1) continue;
          const el = node as HTMLElement;
          pasted.add(el);
          if (!el.isContentEditable || !el.parentElement?.isContentEditable) break;
        }
      };
      const doc = (win as Window).document;
      doc.addEventListener('paste', onPaste, { capture: true, passive: true });
      return () => doc.removeEventListener('paste', onPaste, { capture: true });
    },
    options: null,
  };
}
