import { describe, expect, it } from 'vitest';
import { actionOffsets, createActionClock, seekTimeOf } from '../../server/viewer/web/session/action-times';
import { makeAction } from '../server/fixtures';

describe('action to time mapping', () => {
  it('puts each action at its time since the session started (never before 0)', () => {
    expect(actionOffsets([{ t: 1000 }, { t: 1250 }, { t: 990 }], 1000)).toEqual([0, 250, 0]);
  });

  it('finds the action in effect at any time: the last one at or before it', () => {
    const clock = createActionClock([100, 200, 200, 500]);
    expect(clock.indexAt(0)).toBe(-1);
    expect(clock.indexAt(99.9)).toBe(-1);
    expect(clock.indexAt(100)).toBe(0);
    expect(clock.indexAt(199)).toBe(0);
    expect(clock.indexAt(200)).toBe(2); // simultaneous actions: the later one in the list
    expect(clock.indexAt(499)).toBe(2);
    expect(clock.indexAt(10_000)).toBe(3);
  });

  it('stays right when the list is not in time order', () => {
    const clock = createActionClock([300, 100, 200]);
    expect([50, 100, 150, 250, 300].map((t) => clock.indexAt(t))).toEqual([-1, 1, 1, 2, 0]);
  });

  it('maps every one of 50,000 actions back to itself (or an action at the same time)', () => {
    const offsets = Array.from({ length: 50_000 }, (_, i) => Math.floor(i * 3.7));
    const clock = createActionClock(offsets);
    for (let i = 0; i < offsets.length; i += 97) expect(offsets[clock.indexAt(offsets[i]!)]).toBe(offsets[i]);
  });

  it('shows value-setting actions 1 ms later (their value is recorded in the same millisecond), others at their time', () => {
    const click = makeAction('click', 5);
    expect(seekTimeOf(click, 400)).toBe(400);
    expect(seekTimeOf(makeAction('type', 5), 400)).toBe(401);
    expect(seekTimeOf(makeAction('check', 5), 400)).toBe(401);
    expect(seekTimeOf({ type: 'select', target: { ...click.target!, tag: 'select' } }, 400)).toBe(401);
    // A custom listbox's option: shown before the click closes the list.
    expect(seekTimeOf({ type: 'select', target: { ...click.target!, tag: 'li', role: 'option' } }, 400)).toBe(400);
  });
});
