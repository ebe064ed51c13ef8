import { describe, expect, it, vi } from 'vitest';
import { frameScheduler, FRAME_WAIT_MS } from '../../../lib/recorder/shot-regions/after-frame';

/** A window whose frames and timers the test runs by hand (the task after a frame is a real MessageChannel message). */
function fakeWindow(visibilityState = 'visible') {
  const frames: Array<() => void> = [];
  const timers = new Map<number, () => void>();
  let id = 0;
  const win = {
    document: { visibilityState },
    requestAnimationFrame: (fn: () => void) => frames.push(fn),
    setTimeout: (fn: () => void) => (timers.set(++id, fn), id),
    clearTimeout: (h: number) => timers.delete(h),
  } as unknown as Window;
  const runTimers = () => {
    for (const [h, fn] of [...timers]) {
      timers.delete(h);
      fn();
    }
  };
  return { win, frames, runTimers };
}

describe('the frame scheduler of region reports', () => {
  it('runs the in-frame hook in the frame callback, and the report in a task after it', async () => {
    const { win, frames } = fakeWindow();
    const order: string[] = [];
    frameScheduler(win).afterFrame(
      () => order.push('report'),
      () => order.push('in frame'),
    );
    expect(order).toEqual([]);
    frames.shift()!();
    expect(order).toEqual(['in frame']);
    await vi.waitFor(() => expect(order).toEqual(['in frame', 'report']));
  });

  it('never marks a frame for a report that ran without one (a frame later than the wait, a hidden page)', () => {
    const late = fakeWindow();
    const inFrame = vi.fn();
    const report = vi.fn();
    frameScheduler(late.win).afterFrame(report, inFrame);
    late.runTimers(); // FRAME_WAIT_MS passed without a frame
    expect(FRAME_WAIT_MS).toBe(100);
    expect(report).toHaveBeenCalledTimes(1);
    // The late frame: its callback marks nothing (the hook runs there or not at all).
    late.frames.shift()!();
    expect(inFrame).not.toHaveBeenCalled();
    expect(report).toHaveBeenCalledTimes(1);

    const hidden = fakeWindow('hidden');
    frameScheduler(hidden.win).afterFrame(report, inFrame);
    expect(report).toHaveBeenCalledTimes(2);
    expect(hidden.frames).toHaveLength(0);
    expect(inFrame).not.toHaveBeenCalled();
  });
});
