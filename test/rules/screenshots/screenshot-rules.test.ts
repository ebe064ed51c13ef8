import { describe, expect, it } from 'vitest';
import { reportsDiffer } from '../../../lib/rules/screenshots/compare-reports';
import { captureMatchesViewport, outputSize, redactionRects } from '../../../lib/rules/screenshots/redaction-rects';
import { actionSeen, dueShot, newSchedule, nextDueAt, served } from '../../../lib/rules/screenshots/shot-schedule';
import { createTokenBucket, SHOT_BUCKET } from '../../../lib/rules/screenshots/token-bucket';
import type { ShotRegionsReport } from '../../../lib/schema/shot-regions';

describe('the token bucket', () => {
  it('allows a burst of 2, then 1 per second', () => {
    const bucket = createTokenBucket(SHOT_BUCKET);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, false]);
    expect(bucket.readyAt(0)).toBe(1000);
    expect(bucket.take(999)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(1500)).toBe(false);
  });

  it('never takes more than the rate over a long run (the browser quota is 2/s)', () => {
    const bucket = createTokenBucket(SHOT_BUCKET);
    let taken = 0;
    for (let t = 0; t <= 60_000; t += 50) if (bucket.take(t)) taken++;
    expect(taken).toBe(62); // 2 at once, then one per second for 60 s
  });

  it('does not store more than the burst while idle', () => {
    const bucket = createTokenBucket(SHOT_BUCKET);
    bucket.take(0);
    expect([bucket.take(100_000), bucket.take(100_000), bucket.take(100_000)]).toEqual([true, true, false]);
  });
});

describe('scheduling', () => {
  const opts = { perAction: true, periodicMs: 10_000 };

  it('periodic when nothing else is due', () => {
    const s = newSchedule(0, opts);
    expect(dueShot(s, 9_999).due).toBeNull();
    expect(dueShot(s, 10_000).due).toEqual({ trigger: 'periodic', requestedAt: 10_000 });
    expect(nextDueAt(s)).toBe(10_000);
  });

  it('before-action first, then after-action after 300 ms of quiet, before periodic', () => {
    let s = actionSeen(newSchedule(0, opts), 20_000, opts);
    expect(dueShot(s, 20_010).due).toEqual({ trigger: 'before-action', requestedAt: 20_000 });
    s = served(s, 'before-action', 20_050, opts);
    expect(dueShot(s, 20_299).due).toBeNull();
    expect(dueShot(s, 20_300).due?.trigger).toBe('after-action');
  });

  it('after-action at most 2 s after the first action even while actions keep coming', () => {
    let s = newSchedule(0, opts);
    for (let t = 1_000; t <= 4_000; t += 100) s = served(actionSeen(s, t, opts), 'before-action', t, opts);
    expect(dueShot(s, 2_999).due).toBeNull();
    expect(dueShot(s, 3_000).due).toEqual({ trigger: 'after-action', requestedAt: 4_000 });
  });

  it('drops a before-action shot that could not be taken in time', () => {
    const s = actionSeen(newSchedule(0, { ...opts, periodicMs: 100_000 }), 1_000, opts);
    expect(dueShot(s, 1_600).due?.trigger).toBe('after-action');
  });

  it('no action shots when perAction is off', () => {
    const off = { perAction: false, periodicMs: 10_000 };
    expect(dueShot(actionSeen(newSchedule(0, off), 1_000, off), 1_001).due).toBeNull();
  });
});

describe('redaction rectangles', () => {
  it('pads by 4 CSS px, scaled by image width / viewport width (not the DPR), rounded outwards', () => {
    // A 2x capture of a 1000 px viewport, stored at full size.
    const rects = redactionRects([{ x: 10.5, y: 20, width: 100, height: 30 }], { width: 2000, height: 1400 }, 1000);
    // pad = 4 * 2 + 1 = 9 image px
    expect(rects).toEqual([{ x: 12, y: 31, width: 218, height: 78 }]);
  });

  it('keeps at least 2 image px of padding at tiny scales, and clips to the image', () => {
    const rects = redactionRects([{ x: -50, y: -50, width: 100, height: 100 }], { width: 100, height: 100 }, 1000);
    expect(rects).toEqual([{ x: 0, y: 0, width: 7, height: 7 }]); // 5 px scaled + 2 px pad
  });

  it('covers the union of both reports (every region of each is filled)', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    const b = { x: 500, y: 500, width: 10, height: 10 };
    expect(redactionRects([a, b], { width: 1000, height: 1000 }, 1000)).toHaveLength(2);
  });

  it('downscales to maxWidth, never up', () => {
    expect(outputSize({ width: 2560, height: 1400 }, 1280)).toEqual({ width: 1280, height: 700 });
    expect(outputSize({ width: 800, height: 600 }, 1280)).toEqual({ width: 800, height: 600 });
  });

  it('refuses a capture that does not show the reported viewport', () => {
    expect(captureMatchesViewport({ width: 2000, height: 1400 }, { width: 1000, height: 700 })).toBe(true);
    expect(captureMatchesViewport({ width: 1280, height: 633 }, { width: 1000, height: 700 })).toBe(false);
  });
});

describe("comparing a shot's two reports", () => {
  const report = (over: Partial<ShotRegionsReport> = {}): ShotRegionsReport => ({
    requestId: 0,
    seq: 0,
    refused: null,
    viewport: { width: 1000, height: 700 },
    scroll: { x: 0, y: 100 },
    changed: false,
    epoch: 3,
    regions: [{ kind: 'field', x: 10, y: 10, width: 100, height: 20 }],
    indicator: 'absent',
    ...over,
  });

  it('accepts the same page within 1 px', () => {
    expect(
      reportsDiffer(report(), report({ scroll: { x: 0, y: 101 }, regions: [{ kind: 'field', x: 11, y: 9, width: 100, height: 21 }] })),
    ).toBeNull();
  });

  it.each([
    ['a flagged change', { changed: true }],
    ['a scroll of 2 px', { scroll: { x: 0, y: 102 } }],
    ['a resize', { viewport: { width: 999, height: 700 } }],
    ['a moved region', { regions: [{ kind: 'field' as const, x: 12, y: 10, width: 100, height: 20 }] }],
    ['another region', { regions: [] }],
    ['a refusal after the capture', { refused: 'the page is not visible' }],
  ])('discards on %s', (_name, over) => {
    expect(reportsDiffer(report(), report(over))).not.toBeNull();
  });
});
