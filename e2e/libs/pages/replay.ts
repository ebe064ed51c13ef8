import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';

/**
 * The replay harness for e2e/libs.spec.ts: rrweb's Replayer over a session's
 * events, seeked on demand. After each seek every replayed element carries its
 * mirror id as data-wt-rrid, so a selector resolved in the replay (by
 * Playwright, in the replay's frame) can be checked against an action's
 * target.nodeId.
 */
let replayer: Replayer | null = null;

function tagMirrorIds(doc: Document, mirror: ReturnType<Replayer['getMirror']>): void {
  const walk = (root: Document | ShadowRoot | Element) => {
    for (const el of root.querySelectorAll('*')) {
      el.setAttribute('data-wt-rrid', String(mirror.getId(el)));
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.localName === 'iframe') {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner) walk(inner);
      }
    }
  };
  walk(doc);
}

Object.assign(window, {
  startReplay(events: unknown[]) {
    replayer = new Replayer(events as never, { root: document.getElementById('stage')!, mouseTail: false, showWarning: false });
    return true;
  },
  seekReplay(offset: number) {
    if (!replayer) throw new Error('no replay');
    replayer.pause(offset);
    const doc = replayer.iframe.contentDocument!;
    tagMirrorIds(doc, replayer.getMirror());
    return true;
  },
});
