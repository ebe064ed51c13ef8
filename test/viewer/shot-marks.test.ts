import { describe, expect, it } from 'vitest';
import { actionShots, BEFORE_MS } from '../../server/viewer/web/session/action-shots';
import { nearestShot, placeThumbs, shotMarks } from '../../server/viewer/web/session/shot-marks';
import { shotGap, shotLabel } from '../../server/viewer/web/session/shot-words';
import { storedShot } from '../support/shot-fixtures';

const T0 = 1_700_000_000_000;
const mark = (offset: number, over: Parameters<typeof storedShot>[1] = {}) =>
  shotMarks([{ shot: storedShot(T0 + offset, over), url: `u${offset}` }], T0)[0]!;

describe('nearestShot', () => {
  const offsets = [1_000, 5_000, 9_000];
  it('finds the shot nearest the playhead, before or after it, the earlier on a tie', () => {
    expect(nearestShot(offsets, 0)).toBe(0);
    expect(nearestShot(offsets, 2_999)).toBe(0);
    expect(nearestShot(offsets, 3_000)).toBe(0);
    expect(nearestShot(offsets, 3_001)).toBe(1);
    expect(nearestShot(offsets, 5_000)).toBe(1);
    expect(nearestShot(offsets, 8_000)).toBe(2);
    expect(nearestShot(offsets, 60_000)).toBe(2);
    expect(nearestShot([], 10)).toBe(-1);
  });
});

describe('shotMarks', () => {
  it('puts shots on the replay clock in time order', () => {
    const marks = shotMarks(
      [
        { shot: storedShot(T0 + 9_000), url: 'b' },
        { shot: storedShot(T0 + 2_000), url: 'a' },
      ],
      T0,
    );
    expect(marks.map((m) => [m.offset, m.url])).toEqual([
      [2_000, 'a'],
      [9_000, 'b'],
    ]);
  });
});

describe('placeThumbs', () => {
  const f = { stripPx: 1_096, thumbPx: 96, gapPx: 4 };
  it('places each thumbnail at its time where there is room', () => {
    expect(placeThumbs([0, 30_000, 60_000], 60_000, f)).toEqual({ lefts: [0, 500, 1_000], width: 1_096 });
  });

  it('moves a crowded one right just enough not to cover the one before, and widens the strip to fit all', () => {
    const placed = placeThumbs([0, 1_000, 2_000, 59_000, 60_000], 60_000, f);
    expect(placed.lefts).toEqual([0, 100, 200, 983, 1_083]);
    expect(placed.width).toBe(1_179);
    for (let i = 1; i < placed.lefts.length; i++) expect(placed.lefts[i]! - placed.lefts[i - 1]!).toBeGreaterThanOrEqual(100);
  });
});

describe('actionShots', () => {
  it('gives each action the before-action shot asked for at its pointerdown and the first after-action shot after it', () => {
    const before = mark(9_950, { trigger: 'before-action', requestedAt: T0 + 9_900 });
    const retried = mark(10_050, { trigger: 'before-action', requestedAt: T0 + 9_900 });
    const after = mark(10_600, { trigger: 'after-action', requestedAt: T0 + 10_500 });
    const later = mark(10_900, { trigger: 'after-action', requestedAt: T0 + 10_800 });
    const periodic = mark(11_000, { trigger: 'periodic' });
    const out = actionShots([10_000, 20_000], [before, retried, after, later, periodic], T0);
    expect(out[0]).toEqual({ before: retried, after });
    expect(out[1]).toEqual({ before: null, after: null });
  });

  it('leaves a before-action shot asked for too long before any action, or an after-action shot long after one, to no action', () => {
    const stray = mark(1_000, { trigger: 'before-action', requestedAt: T0 + 10_000 - BEFORE_MS - 1 });
    const late = mark(14_000, { trigger: 'after-action' });
    expect(actionShots([10_000], [stray, late], T0)).toEqual([{ before: null, after: null }]);
  });

  it('pairs a shot only with actions of its own page (an action of unknown page with any)', () => {
    const before = mark(9_950, { trigger: 'before-action', requestedAt: T0 + 9_900, page: 1 });
    const after = mark(10_600, { trigger: 'after-action', page: 0 });
    // Page 0's action is first at the request, page 1's half a second later: the shot is page 1's.
    const out = actionShots([10_000, 10_400], [before, after], T0, [0, 1]);
    expect(out[0]).toEqual({ before: null, after });
    expect(out[1]).toEqual({ before, after: null });
    expect(actionShots([10_000], [before], T0, [undefined])).toEqual([{ before, after: null }]);
  });
});

describe('shot words', () => {
  it('names a shot by time and trigger, and its gap to the playhead', () => {
    expect(shotLabel(mark(12_300, { trigger: 'before-action' }))).toBe('Screenshot at 0:12.3, taken before an action');
    expect(shotGap(12_300, 13_500)).toBe('1.2 s before the playhead');
    expect(shotGap(12_300, 11_300)).toBe('1.0 s after the playhead');
    expect(shotGap(12_300, 12_320)).toBe('at the playhead');
  });
});
