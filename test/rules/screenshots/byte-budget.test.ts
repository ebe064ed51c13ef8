import { describe, expect, it } from 'vitest';
import {
  budgetAllows,
  budgetShape,
  BURST_SHOTS,
  estimateBytes,
  FIRST_ESTIMATE_BYTES,
  newByteBudget,
  spend,
  type ByteBudgetState,
} from '../../../lib/rules/screenshots/byte-budget';
import type { ShotTrigger } from '../../../lib/schema/screenshot';

const MB_H = 15;
const SHOT = 26_000;

/**
 * Drives the budget on a fake clock: at each `stepMs` a shot of `trigger` is due; it is stored (SHOT
 * bytes) when the budget allows it. Returns the bytes stored and the shots taken per trigger.
 */
function run(opts: { hours: number; stepMs: number; triggers: ShotTrigger[]; bytes?: (i: number) => number; start?: ByteBudgetState }) {
  let s = opts.start ?? newByteBudget(0);
  let stored = 0;
  const taken: Record<string, number> = {};
  let i = 0;
  for (let t = 0; t < opts.hours * 3_600_000; t += opts.stepMs) {
    for (const trigger of opts.triggers) {
      if (!budgetAllows(s, trigger, t, MB_H)) continue;
      const bytes = opts.bytes?.(i++) ?? SHOT;
      s = spend(s, bytes, t, MB_H);
      stored += bytes;
      taken[trigger] = (taken[trigger] ?? 0) + 1;
    }
  }
  return { stored, taken, state: s };
}

describe('the screenshots byte budget', () => {
  it('starts empty: the first shot waits until the rate has paid for it', () => {
    const s = newByteBudget(1_000);
    expect(budgetAllows(s, 'before-action', 1_000, MB_H)).toBe(false);
    const { perMs } = budgetShape(s, MB_H);
    const paid = 1_000 + Math.ceil(FIRST_ESTIMATE_BYTES / perMs);
    expect(budgetAllows(s, 'before-action', paid - 10, MB_H)).toBe(false);
    expect(budgetAllows(s, 'before-action', paid, MB_H)).toBe(true);
  });

  it('stores at most the hourly budget in an hour, at any pace, a full bucket at its start included', () => {
    for (const stepMs of [100, 600, 3_000, 10_000]) {
      const { stored } = run({ hours: 1, stepMs, triggers: ['before-action', 'after-action', 'periodic'] });
      expect(stored, `a step every ${stepMs} ms`).toBeLessThanOrEqual(MB_H * 1e6);
      // And it is a budget, not a ban: most of it is used when shots are always due.
      if (stepMs <= 3_000) expect(stored, `a step every ${stepMs} ms`).toBeGreaterThan(0.8 * MB_H * 1e6);
    }
    // After a long idle the bucket is full (a burst of shots' worth), and that hour still keeps to the budget.
    const idle = run({ hours: 0.01, stepMs: 3_600_000, triggers: [] }).state;
    const later = { ...idle, at: 0, level: budgetShape(idle, MB_H).capacity };
    expect(run({ hours: 1, stepMs: 100, triggers: ['before-action'], start: later }).stored).toBeLessThanOrEqual(MB_H * 1e6);
  });

  it('holds a few shots at most: a long idle does not save up for a flood', () => {
    let s = spend(newByteBudget(0), SHOT, 0, MB_H);
    s = { ...s, level: 0 };
    const day = 86_400_000;
    let shots = 0;
    while (budgetAllows(s, 'before-action', day, MB_H)) {
      s = spend(s, SHOT, day, MB_H);
      shots++;
    }
    expect(shots).toBe(BURST_SHOTS);
  });

  it('leaves out periodic shots first, then after-action ones, before-action ones last', () => {
    // Actions every 3 s, each with its before- and after-action shot, and a periodic one due too.
    const { taken } = run({ hours: 1, stepMs: 3_000, triggers: ['periodic', 'after-action', 'before-action'] });
    expect(taken['before-action']).toBeGreaterThan(0);
    expect(taken['periodic'] ?? 0).toBe(0);
    // With the bucket between 1 and 1.5 estimates only a before-action shot may start.
    const s = { level: 1.2 * SHOT, at: 0, recent: [SHOT] };
    expect([
      budgetAllows(s, 'before-action', 0, MB_H),
      budgetAllows(s, 'after-action', 0, MB_H),
      budgetAllows(s, 'periodic', 0, MB_H),
    ]).toEqual([true, false, false]);
    const fuller = { ...s, level: 1.6 * SHOT };
    expect([budgetAllows(fuller, 'after-action', 0, MB_H), budgetAllows(fuller, 'periodic', 0, MB_H)]).toEqual([true, false]);
    // Periodic ones only while the bucket is more than half full.
    const half = budgetShape(s, MB_H).capacity / 2;
    expect(budgetAllows({ ...s, level: half }, 'periodic', 0, MB_H)).toBe(false);
    expect(budgetAllows({ ...s, level: half + 2 }, 'periodic', 0, MB_H)).toBe(true);
  });

  it('estimates from the last stored shots, and a heavier shot than estimated is repaid as a debt', () => {
    let s = newByteBudget(0);
    expect(estimateBytes(s)).toBe(FIRST_ESTIMATE_BYTES);
    s = { ...s, level: 10_000_000 };
    for (const bytes of [10_000, 20_000, 30_000]) s = spend(s, bytes, 0, MB_H);
    expect(estimateBytes(s)).toBe(20_000);
    for (let i = 0; i < 20; i++) s = spend(s, 40_000, 0, MB_H);
    expect(estimateBytes(s)).toBe(40_000);
    // Shots of twice the estimate: the hour still keeps to the budget.
    const heavy = run({ hours: 1, stepMs: 600, triggers: ['before-action'], bytes: (i) => (i % 2 ? 52_000 : 1_000) });
    expect(heavy.stored).toBeLessThanOrEqual(MB_H * 1e6 + 52_000);
    const debt = spend({ level: 0, at: 0, recent: [SHOT] }, 3 * SHOT, 0, MB_H);
    expect(debt.level).toBe(-3 * SHOT);
    expect(budgetAllows(debt, 'before-action', 1, MB_H)).toBe(false);
  });

  it('follows a budget the admin changes, and a clock that goes back refills nothing', () => {
    const s = { level: 0, at: 10_000, recent: [SHOT] };
    expect(budgetAllows(s, 'before-action', 5_000, 100_000)).toBe(false);
    // At 100 000 MB/h a shot's worth refills in about a millisecond.
    expect(budgetAllows(s, 'before-action', 10_002, 100_000)).toBe(true);
    expect(budgetAllows(s, 'before-action', 10_002, 1)).toBe(false);
  });
});
