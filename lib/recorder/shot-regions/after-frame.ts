/** A frame that has not come by then (a throttled page) is not waited for: the report is made anyway. */
export const FRAME_WAIT_MS = 100;

export interface FrameScheduler {
  /**
   * Runs `fn` in a task after the next rendered frame; `inFrame` in that frame's callback, before
   * its rendering (not at all when `fn` runs without a frame: a hidden or throttled page).
   */
  afterFrame(fn: () => void, inFrame?: () => void): void;
  /** Runs `fn` in a task of its own (from a frame callback: after that frame's rendering). */
  nextTask(fn: () => void): void;
}

/**
 * When a region report runs. Measuring rectangles in a page that changed since its last frame
 * forces a synchronous layout, the largest part of a report's cost (issue 15's goal is 2 ms at
 * p95); in a task right after a frame the page is laid out, and reading rectangles is cheap. The
 * report still measures everything then: a page that changed again meanwhile is laid out by it.
 */
export function frameScheduler(win: Window): FrameScheduler {
  const nextTask = (fn: () => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(null);
  };
  return {
    nextTask,
    afterFrame(fn, inFrame) {
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        win.clearTimeout(timer);
        fn();
      };
      const timer = win.setTimeout(run, FRAME_WAIT_MS);
      // A hidden page renders no frames (and is refused a shot anyway): at once.
      if (win.document.visibilityState !== 'visible') return run();
      win.requestAnimationFrame(() => {
        if (done) return;
        inFrame?.();
        nextTask(run);
      });
    },
  };
}
