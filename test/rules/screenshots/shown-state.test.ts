import { describe, expect, it } from 'vitest';
import { beforeShotShown, dueShotShown, SKIP_MAX_AGE_MS } from '../../../lib/rules/screenshots/shown-state';
import { chooseShot } from '../../../exporter/shots/choose-shot';
import type { StoredShot } from '../../../lib/schema/screenshot';

const last = { takenAt: 10_000, epoch: 7 };

describe('skipping a shot that would show nothing new', () => {
  it('skips a before-action shot when the page has not changed since a shot taken after the previous action settled', () => {
    expect(beforeShotShown(last, { at: 10_800, epoch: 7, previousAt: 9_500 })).toBe(true);
    expect(beforeShotShown(last, { at: 10_800, epoch: 7, previousAt: null })).toBe(true);
  });

  it('takes it when the page changed, the epoch is unknown, or the last shot shows no single epoch', () => {
    expect(beforeShotShown(last, { at: 10_800, epoch: 8, previousAt: 9_500 })).toBe(false);
    expect(beforeShotShown(last, { at: 10_800, epoch: undefined, previousAt: 9_500 })).toBe(false);
    expect(beforeShotShown({ ...last, epoch: null }, { at: 10_800, epoch: 7, previousAt: 9_500 })).toBe(false);
    expect(beforeShotShown(null, { at: 10_800, epoch: 7, previousAt: 9_500 })).toBe(false);
  });

  it('takes it when the last shot is from before the previous action settled, or too old for the exporter', () => {
    // Taken 100 ms after the previous trigger: its click may have landed later.
    expect(beforeShotShown(last, { at: 10_800, epoch: 7, previousAt: 9_900 })).toBe(false);
    expect(beforeShotShown(last, { at: 10_000 + SKIP_MAX_AGE_MS + 1, epoch: 7, previousAt: 9_000 })).toBe(false);
  });

  it('a skipped step still gets the earlier shot from the exporter (a click up to 500 ms after its pointerdown)', () => {
    const shot = { page: 0, takenAt: last.takenAt, trigger: 'after-action' } as StoredShot;
    const pointerdown = last.takenAt + SKIP_MAX_AGE_MS;
    expect(beforeShotShown(last, { at: pointerdown, epoch: 7, previousAt: 9_500 })).toBe(true);
    const chosen = chooseShot([shot], { page: 0, actionT: pointerdown + 500, at: pointerdown + 500, previousT: 9_500 + 299 });
    expect(chosen?.shot).toBe(shot);
  });

  it('skips an after-action or periodic shot whose first report shows the epoch of the last shot', () => {
    expect(dueShotShown('after-action', 7, last)).toBe(true);
    expect(dueShotShown('periodic', 7, last)).toBe(true);
    expect(dueShotShown('after-action', 8, last)).toBe(false);
    expect(dueShotShown('after-action', 7, { ...last, epoch: null })).toBe(false);
    expect(dueShotShown('before-action', 7, last)).toBe(false);
    expect(dueShotShown('periodic', 0, null)).toBe(false);
  });
});
