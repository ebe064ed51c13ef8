import { describe, expect, it, vi } from 'vitest';
import { createEventBuffer } from '../../lib/recorder/event-buffer';
import { isPageEndEvent } from '../../lib/schema/page-end';

const ev = (type: number, timestamp = 1) => ({ type, timestamp, data: {} });

function setup(maxEvents = 3, now = () => 42) {
  vi.useFakeTimers();
  const runs: unknown[][] = [];
  const buffer = createEventBuffer({
    maxEvents,
    maxDelayMs: 1000,
    onRun: (events) => runs.push(events),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now,
  });
  return { runs, buffer };
}

describe('createEventBuffer', () => {
  it('cuts a run when it is full', () => {
    const { runs, buffer } = setup(3);
    for (let i = 0; i < 7; i++) buffer.push(ev(3, i));
    expect(runs.map((r) => r.length)).toEqual([3, 3]);
  });

  it('cuts a run when its oldest event has waited maxDelayMs', () => {
    const { runs, buffer } = setup(100);
    buffer.push(ev(3));
    vi.advanceTimersByTime(999);
    expect(runs).toHaveLength(0);
    buffer.push(ev(3));
    vi.advanceTimersByTime(1);
    expect(runs.map((r) => r.length)).toEqual([2]);
  });

  it('sends a full snapshot at once', () => {
    const { runs, buffer } = setup(100);
    buffer.push(ev(4));
    buffer.push(ev(2));
    expect(runs.map((r) => r.map((e) => (e as { type: number }).type))).toEqual([[4, 2]]);
  });

  it('flush sends what is buffered and nothing when empty; dispose drops and stops the timer', () => {
    const { runs, buffer } = setup(100);
    buffer.flush();
    expect(runs).toHaveLength(0);
    buffer.push(ev(3));
    buffer.flush();
    expect(runs).toHaveLength(1);
    buffer.push(ev(3));
    buffer.dispose();
    vi.advanceTimersByTime(5000);
    expect(runs).toHaveLength(1);
  });

  it('end appends the page-end marker to what is buffered and sends it at once', () => {
    const { runs, buffer } = setup(100);
    buffer.push(ev(3));
    buffer.end('pagehide');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toEqual([ev(3), { type: 5, timestamp: 42, data: { tag: 'webtrace.page-end', payload: { reason: 'pagehide' } } }]);
    expect(isPageEndEvent(runs[0]![1] as never)).toBe(true);
    // With nothing buffered the marker travels alone.
    buffer.end('stop');
    expect(runs[1]).toHaveLength(1);
  });
});
