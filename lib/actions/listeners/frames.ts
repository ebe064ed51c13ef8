import type { CaptureContext, Feature, Offset, Teardown } from '../context';
import { frameContext } from '../create-context';
import { cssSelector } from '../selectors/css-selector';
import { queryRootOf } from '../selectors/query-count';

const MAX_FRAME_DEPTH = 8;

/** The iframe's document when the content script may reach it (same origin), else null. */
function sameOriginDocument(frame: HTMLIFrameElement): { doc: Document; win: Window } | null {
  try {
    const doc = frame.contentDocument;
    const win = frame.contentWindow;
    return doc && win && doc.documentElement ? { doc, win } : null;
  } catch {
    return null; // cross-origin
  }
}

/**
 * Same-origin iframes produce actions like the top document: the features
 * (`listenTo`) are started on each iframe's document, with the frame path and
 * the frame's offset in the top-level viewport in their context. Frames are
 * found at start and on every `load` of an iframe (a capture listener on the
 * document sees them), which also catches a frame that navigated: the old
 * document's listeners are removed, the new one's added.
 */
export function initFrames(listenTo: (ctx: CaptureContext) => Teardown): Feature {
  return (ctx) => {
    if ((ctx.frame?.length ?? 0) >= MAX_FRAME_DEPTH) return () => {};
    const attached = new Map<HTMLIFrameElement, { doc: Document; stop: Teardown }>();

    const attach = (frame: HTMLIFrameElement): void => {
      const inner = sameOriginDocument(frame);
      const current = attached.get(frame);
      if (current && current.doc === inner?.doc) return;
      current?.stop();
      attached.delete(frame);
      if (!inner) return;
      const root = queryRootOf(frame);
      if (!root) return;
      const step = { selector: cssSelector(root, frame).value, nodeId: ctx.nodeId(frame) };
      const offset = (): Offset => {
        const outer = ctx.frameOffset();
        const r = frame.getBoundingClientRect();
        return { x: outer.x + r.left + frame.clientLeft, y: outer.y + r.top + frame.clientTop };
      };
      attached.set(frame, { doc: inner.doc, stop: listenTo(frameContext(ctx, inner.doc, inner.win, step, offset)) });
    };

    for (const frame of ctx.doc.querySelectorAll('iframe')) attach(frame as HTMLIFrameElement);
    const off = ctx.listen(
      ctx.doc,
      'load',
      (event) => {
        const frame = event.target as Element | null;
        if (frame && frame.localName === 'iframe') attach(frame as HTMLIFrameElement);
      },
      true,
    );
    return () => {
      off();
      for (const { stop } of attached.values()) stop();
      attached.clear();
    };
  };
}
