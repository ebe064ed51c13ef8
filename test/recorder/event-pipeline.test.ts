import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventPipeline } from '../../lib/recorder/event-pipeline';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';

const ev = (type: number, timestamp: number): RrwebEvent => ({ type, timestamp, data: {} });

/** A pipeline whose stages log what they do; a snapshot's (type 2) work has `slices` parts, each costing `sliceMs` of the fake clock. */
function setup(opts: { slices?: number; sliceMs?: number; budgetMs?: number; failOn?: number } = {}) {
  vi.useFakeTimers();
  let clock = 0;
  const log: string[] = [];
  const errors: unknown[] = [];
  const pipeline = createEventPipeline({
    *start(event) {
      if (event.timestamp === opts.failOn) throw new Error(`stage failed on ${event.timestamp}`);
      if (event.type === 2) {
        for (let i = 0; i < (opts.slices ?? 3); i++) {
          log.push(`snap${event.timestamp}.${i}`);
          clock += opts.sliceMs ?? 10;
          yield;
        }
      }
      log.push(`done${event.timestamp}`);
    },
    defer: (event) => event.type === 2,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now: () => clock,
    onError: (err) => errors.push(err),
    budgetMs: opts.budgetMs ?? 15,
  });
  return { pipeline, log, errors };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createEventPipeline', () => {
  it('runs an ordinary event at once', () => {
    const { pipeline, log } = setup();
    pipeline.push(ev(4, 1));
    pipeline.push(ev(3, 2));
    expect(log).toEqual(['done1', 'done2']);
    expect(pipeline.pending).toBe(0);
  });

  it('runs a full snapshot in later tasks, in slices within the budget, and keeps later events behind it', () => {
    const { pipeline, log } = setup({ slices: 4, sliceMs: 10, budgetMs: 15 });
    pipeline.push(ev(4, 1));
    pipeline.push(ev(2, 2));
    pipeline.push(ev(3, 3));
    // Nothing of the snapshot in the task that emitted it; the mutation after it waits.
    expect(log).toEqual(['done1']);
    expect(pipeline.pending).toBe(2);
    vi.advanceTimersToNextTimer();
    // 10 ms per slice, 15 ms budget: two slices in this task.
    expect(log).toEqual(['done1', 'snap2.0', 'snap2.1']);
    vi.advanceTimersToNextTimer();
    expect(log).toEqual(['done1', 'snap2.0', 'snap2.1', 'snap2.2', 'snap2.3']);
    vi.advanceTimersToNextTimer();
    expect(log).toEqual(['done1', 'snap2.0', 'snap2.1', 'snap2.2', 'snap2.3', 'done2', 'done3']);
    expect(pipeline.pending).toBe(0);
  });

  it('keeps order across two deferred events and what is pushed between', () => {
    const { pipeline, log } = setup({ slices: 1 });
    pipeline.push(ev(2, 1));
    pipeline.push(ev(3, 2));
    pipeline.push(ev(2, 3));
    pipeline.push(ev(3, 4));
    vi.runAllTimers();
    expect(log.filter((l) => l.startsWith('done'))).toEqual(['done1', 'done2', 'done3', 'done4']);
  });

  it('drain runs everything waiting at once, in order (the page is going)', () => {
    const { pipeline, log } = setup({ slices: 3, sliceMs: 10, budgetMs: 15 });
    pipeline.push(ev(2, 1));
    pipeline.push(ev(3, 2));
    vi.advanceTimersToNextTimer();
    pipeline.push(ev(3, 3));
    pipeline.drain();
    expect(log).toEqual(['snap1.0', 'snap1.1', 'snap1.2', 'done1', 'done2', 'done3']);
    expect(pipeline.pending).toBe(0);
    vi.runAllTimers();
    expect(log).toHaveLength(6);
  });

  it('reports a failed stage and goes on with the events behind it', () => {
    const { pipeline, log, errors } = setup({ failOn: 2 });
    pipeline.push(ev(3, 1));
    pipeline.push(ev(3, 2));
    pipeline.push(ev(3, 3));
    expect(log).toEqual(['done1', 'done3']);
    expect(errors).toHaveLength(1);
  });

  it('does nothing after dispose', () => {
    const { pipeline, log } = setup();
    pipeline.push(ev(2, 1));
    pipeline.dispose();
    pipeline.push(ev(3, 2));
    vi.runAllTimers();
    expect(log).toEqual([]);
  });
});
