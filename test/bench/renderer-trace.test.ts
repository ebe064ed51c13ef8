import { describe, expect, it } from 'vitest';
import { tabMainThreadFigures } from '../../bench/support/renderer-trace';

const meta = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const task = (pid: number, tid: number, ts: number, ms: number) => ({ name: 'RunTask', ph: 'X', pid, tid, ts, dur: ms * 1000 });

describe('renderer trace figures', () => {
  const started = {
    name: 'TracingStartedInBrowser',
    ph: 'I',
    pid: 1,
    tid: 1,
    ts: 1_000,
    args: { data: { frames: [{ processId: 7, isOutermostMainFrame: true }] } },
  };

  it("takes only the tab's renderer main thread: long tasks, the longest, TBT, marks", () => {
    const figures = tabMainThreadFigures([
      started,
      meta(7, 70, 'CrRendererMain'),
      meta(7, 71, 'Compositor'),
      meta(8, 80, 'CrRendererMain'), // another renderer (the extension's, another tab)
      task(7, 70, 2_000, 30),
      task(7, 70, 40_000, 120),
      task(7, 70, 200_000, 60),
      task(7, 71, 300_000, 500), // not the main thread
      task(8, 80, 300_000, 900),
      { name: 'TimeStamp', ph: 'I', pid: 7, tid: 70, ts: 11_000, args: { data: { message: 'start' } } },
      { name: 'TimeStamp', ph: 'I', pid: 7, tid: 70, ts: 51_000, args: { data: { message: 'done' } } },
      { name: 'TimeStamp', ph: 'I', pid: 7, tid: 70, ts: 91_000, args: { data: { message: 'done' } } },
    ]);
    expect(figures).toEqual({ longTasks: 2, longestMs: 120, tbtMs: 80, taskMs: 210, marks: { start: 10, done: 50 } });
  });

  it('refuses a trace that does not name the tab renderer', () => {
    expect(() => tabMainThreadFigures([meta(7, 70, 'CrRendererMain'), task(7, 70, 0, 100)])).toThrow(/TracingStartedInBrowser/);
    expect(() => tabMainThreadFigures([started, task(7, 70, 0, 100)])).toThrow(/CrRendererMain/);
  });
});
