import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { isElement } from '../dom';

/** Quiet time after the last scroll event before the scroll counts as finished. */
export const SCROLL_QUIET_MS = 400;

/**
 * `scroll`: scroll events (capture, passive) coalesced per scrolled element;
 * one action once that element has been quiet for 400 ms, with the final
 * position. Per event the work is O(1) (re-arm a timer); the position and the
 * target are read only when emitting. Page scrolling (document, or its
 * scrolling element) has target null. Pending scrolls are flushed before any
 * other action and on stop, but not before another scroll: two elements
 * scrolling at once keep their own quiet timers. Scroll events do not leave
 * shadow roots, so scrolling inside a shadow tree is not seen. Single-line
 * inputs are ignored: they scroll their text by themselves while typing.
 */
export function initScroll(ctx: CaptureContext): Teardown {
  const pending = new Map<EventTarget, unknown>();

  const isPage = (t: EventTarget): boolean =>
    !isElement(t) || t === ctx.doc.scrollingElement || t === ctx.doc.documentElement || t === ctx.doc.body;

  const finish = (scrolled: EventTarget): void => {
    if (!pending.has(scrolled)) return;
    ctx.timers.clearTimeout(pending.get(scrolled));
    pending.delete(scrolled);
    if (isPage(scrolled)) {
      ctx.emit({ type: 'scroll', target: null, scroll: { x: ctx.win.scrollX, y: ctx.win.scrollY } }, flushPending);
      return;
    }
    const el = scrolled as Element;
    const scroll = { x: el.scrollLeft, y: el.scrollTop };
    ctx.emit({ type: 'scroll', target: describeTarget(ctx, el), scroll }, flushPending);
  };

  const flushPending = (): void => [...pending.keys()].forEach(finish);

  const onScroll = (event: Event): void => {
    const scrolled = event.target;
    // A single-line input scrolls its own text as the caret moves while typing: not a person scrolling.
    if (!scrolled || (isElement(scrolled) && scrolled.localName === 'input')) return;
    const timer = pending.get(scrolled);
    if (timer !== undefined) ctx.timers.clearTimeout(timer);
    pending.set(
      scrolled,
      ctx.timers.setTimeout(() => {
        try {
          finish(scrolled);
        } catch (err) {
          ctx.report(err);
        }
      }, SCROLL_QUIET_MS),
    );
  };

  const teardowns = [ctx.listen(ctx.doc, 'scroll', onScroll), ctx.addFlusher(flushPending)];
  return () => {
    for (const off of teardowns) off();
    for (const timer of pending.values()) ctx.timers.clearTimeout(timer);
    pending.clear();
  };
}
