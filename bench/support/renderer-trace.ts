import type { CDPSession } from 'playwright';

/**
 * A Chrome trace of one tab's renderer main thread (CDP Tracing, the
 * devtools.timeline categories): every task that ran there, content scripts'
 * included, which a page's own PerformanceObserver never sees.
 */
export interface TaskFigures {
  /** Tasks over 50 ms. */
  longTasks: number;
  longestMs: number;
  /** Total blocking time: the sum of each task's time past 50 ms. */
  tbtMs: number;
  /** Sum of every task's duration on the thread. */
  taskMs: number;
  /** Time of each console.timeStamp mark seen on the thread (first occurrence), in ms from the trace's start. */
  marks: Record<string, number>;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: {
    name?: string;
    data?: { message?: string; frames?: Array<{ processId?: number; isOutermostMainFrame?: boolean; url?: string }> };
  };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
const LONG_TASK_MS = 50;

export interface RendererTrace {
  stop(): Promise<TaskFigures>;
}

export async function startRendererTrace(cdp: CDPSession): Promise<RendererTrace> {
  const events: TraceEvent[] = [];
  // CDP types trace events as string maps; they are the trace format's objects.
  const onData = (e: { value: Array<Record<string, unknown>> }) => {
    for (const ev of e.value) events.push(ev as unknown as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', onData);
      return tabMainThreadFigures(events);
    },
  };
}

/** The figures of the traced tab's renderer main thread (the process of its outermost main frame). */
export function tabMainThreadFigures(events: readonly TraceEvent[]): TaskFigures {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const pid = started?.args?.data?.frames?.find((f) => f.isOutermostMainFrame)?.processId;
  if (pid === undefined) throw new Error("trace has no TracingStartedInBrowser naming the tab's renderer");
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`trace has no CrRendererMain thread for renderer ${pid}`);
  const onThread = events.filter((e) => e.pid === pid && e.tid === main.tid);
  const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const figures: TaskFigures = { longTasks: 0, longestMs: 0, tbtMs: 0, taskMs: 0, marks: {} };
  for (const e of onThread) {
    if (e.name === 'RunTask' && e.ph === 'X' && e.dur !== undefined) {
      const ms = e.dur / 1000;
      figures.taskMs += ms;
      figures.longestMs = Math.max(figures.longestMs, ms);
      if (ms > LONG_TASK_MS) {
        figures.longTasks += 1;
        figures.tbtMs += ms - LONG_TASK_MS;
      }
    } else if (e.name === 'TimeStamp') {
      const message = e.args?.data?.message;
      if (message && !(message in figures.marks)) figures.marks[message] = (e.ts - t0) / 1000;
    }
  }
  return figures;
}
