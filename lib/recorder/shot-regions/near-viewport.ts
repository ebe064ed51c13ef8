/**
 * Which region elements are certainly far from the viewport, so a region report need not measure
 * them (issue 15: a report's cost is reading every rectangle). An IntersectionObserver over the
 * elements with a margin of one viewport on every side keeps a "far" set; the browser computes it
 * while rendering, so reading it costs no layout.
 *
 * It fails closed: an element is far only after the observer said so (a new one is near until its
 * first entry), and the whole picture is used only for a report that follows a frame marked before
 * its rendering with nothing changed since (the page's change epoch, page-motion.ts: a mutation,
 * scroll, resize or input after the mark measures everything). What is left (a layout shift with no
 * mutation, e.g. an image or font loading, in the task or two between that frame and the report,
 * moving an element more than a viewport) shows up in the shot's second report, measured after the
 * capture's frame: its regions then differ and the capture is discarded.
 */
export const NEAR_MARGIN = '100%';

export interface NearViewport {
  /** In a frame callback the report will follow (before that frame's rendering): the page's epoch then. */
  markFrame(epoch: number): void;
  /**
   * For a report at `epoch`: a test of "certainly far" over the elements the report may measure
   * (observed from now on), or null when the picture may be stale and everything must be measured.
   * Uses up the frame's mark.
   */
  farTest(epoch: number, elements: Iterable<Element>): ((el: Element) => boolean) | null;
  stop(): void;
}

type ObserverCtor = typeof IntersectionObserver;

export function createNearViewport(win: Window): NearViewport {
  const Observer = (win as Window & { IntersectionObserver?: ObserverCtor }).IntersectionObserver;
  // Far: the last entry said "not intersecting" and gave a box (an element with none, e.g.
  // display: contents, is never called far: its text or children may still show).
  const far = new Map<Element, boolean>();
  const seenIn = new Map<Element, number>();
  let generation = 0;
  let frameEpoch: number | null = null;
  const apply = (entries: IntersectionObserverEntry[]) => {
    for (const e of entries) {
      if (!seenIn.has(e.target)) continue;
      const box = e.boundingClientRect;
      far.set(e.target, !e.isIntersecting && box.width > 0 && box.height > 0);
    }
  };
  const observer = Observer ? new Observer(apply, { rootMargin: NEAR_MARGIN, threshold: 0 }) : null;

  return {
    markFrame(epoch) {
      frameEpoch = epoch;
    },
    farTest(epoch, elements) {
      const fresh = frameEpoch === epoch;
      frameEpoch = null;
      if (!observer) return null;
      generation += 1;
      for (const el of elements) {
        if (!seenIn.has(el)) observer.observe(el);
        seenIn.set(el, generation);
      }
      // Elements no report asks for any more are let go (removed, or no longer matched).
      for (const [el, gen] of seenIn) {
        if (gen === generation) continue;
        observer.unobserve(el);
        seenIn.delete(el);
        far.delete(el);
      }
      apply(observer.takeRecords());
      if (!fresh) return null;
      return (el) => far.get(el) === true;
    },
    stop() {
      observer?.disconnect();
      far.clear();
      seenIn.clear();
    },
  };
}
