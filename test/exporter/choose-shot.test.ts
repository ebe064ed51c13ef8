import { describe, expect, it } from 'vitest';
import { CAPTURE_MAX_GAP_MS, chooseShot } from '../../exporter/shots/choose-shot';
import { storedShot } from '../support/shot-fixtures';

const window = (over: Partial<Parameters<typeof chooseShot>[1]> = {}) => ({
  page: 0,
  actionT: 10_000,
  at: 10_000,
  previousT: 7_000,
  ...over,
});

describe('chooseShot', () => {
  it('takes the latest shot of the page at or before the action, with the gap from the action', () => {
    const shots = [storedShot(8_500), storedShot(9_400), storedShot(10_000), storedShot(10_001)];
    expect(chooseShot(shots, window())).toEqual({ shot: shots[2], gapMs: 0 });
    expect(chooseShot(shots.slice(0, 2), window())).toEqual({ shot: shots[1], gapMs: 600 });
  });

  it('takes none older than the bound, before the previous action, after the observation instant, or of another page', () => {
    expect(CAPTURE_MAX_GAP_MS).toBe(2000);
    expect(chooseShot([storedShot(7_999)], window({ previousT: null }))).toBeNull();
    expect(chooseShot([storedShot(8_000)], window({ previousT: null }))?.gapMs).toBe(2000);
    expect(chooseShot([storedShot(8_600)], window({ previousT: 8_700 }))).toBeNull();
    expect(chooseShot([storedShot(8_700)], window({ previousT: 8_700 }))?.gapMs).toBe(1300);
    // Typing reported at 10 000 began at 9 000: a shot taken while typing is not "before" it.
    expect(chooseShot([storedShot(9_500)], window({ at: 9_000 }))).toBeNull();
    expect(chooseShot([storedShot(9_500, { page: 1 })], window())).toBeNull();
    expect(chooseShot([], window())).toBeNull();
  });

  it("prefers the action's own before-action shot at the same instant, whatever the listing order", () => {
    const periodic = storedShot(9_900, { trigger: 'periodic' });
    const before = storedShot(9_900, { trigger: 'before-action', page: 0 });
    expect(chooseShot([periodic, before], window())?.shot).toBe(before);
    expect(chooseShot([before, periodic], window())?.shot).toBe(before);
  });
});
