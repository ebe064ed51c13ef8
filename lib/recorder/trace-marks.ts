/**
 * Marks in a browser performance trace (console.timeStamp: a TimeStamp event
 * in the devtools.timeline category) where the recorder starts and where its
 * first full snapshot is ready to leave the page. DevTools' Performance panel
 * and the benchmark (bench/) read them; the page cannot, and without a trace
 * running they cost nothing visible.
 */
export const TRACE_MARK = {
  recordStart: 'webtrace:record-start',
  fullSnapshot: 'webtrace:full-snapshot',
} as const;

export function markTrace(name: (typeof TRACE_MARK)[keyof typeof TRACE_MARK]): void {
  try {
    console.timeStamp(name);
  } catch {
    // A console without timeStamp: nothing to mark.
  }
}
