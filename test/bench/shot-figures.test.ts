import { describe, expect, it } from 'vitest';
import { checkFigures } from '../../bench/support/check-figures';
import { percentile, shotGoalsMissed, shotRow, shotSessionFigures } from '../../bench/support/shot-figures';

const shot = (bytes: number) => ({ captureMs: 30, decodeMs: 5, redactMs: 2, encodeMs: 20, bytes });

describe('screenshot bench figures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('extrapolates bytes per recorded hour and shots per minute from the session', () => {
    const f = shotSessionFigures({
      worker: {
        stored: [shot(50_000), shot(70_000)],
        discarded: { 'the page scrolled or resized just now': 3 },
        byCode: { precondition: 3 },
        skipped: { 'before-action': 2, 'after-action': 1 },
        overBudget: { periodic: 4, 'after-action': 1 },
      },
      regionReportMs: [0.2, 0.4, 3],
      longTasks: 0,
      sessionMs: 30_000,
      periodicSeconds: 10,
    });
    expect(f.perSession.shotsPerMinute).toBe(4);
    expect(f.perSession.discardedPerMinute).toBe(6);
    expect(f.perSession.skippedPerMinute).toBe(6);
    expect(f.perSession.overBudgetPerMinute).toBe(10);
    expect(f.perSession.mbPerHour).toBeCloseTo(0.12 * 120);
    expect(f.perSession.reportP95).toBe(3);
    expect(f.perSession.periodicMbPerHour).toBeCloseTo(0.05 * 360);
  });

  it('prints missed goals and fails the figure check when a figure is missing', () => {
    const session = shotSessionFigures({
      worker: { stored: [shot(1_000_000)], discarded: {}, byCode: {}, skipped: {}, overBudget: {} },
      regionReportMs: [3],
      longTasks: 2,
      sessionMs: 60_000,
      periodicSeconds: 10,
    });
    const row = shotRow([session], 'quick');
    expect(shotGoalsMissed(row)).toHaveLength(3);
    const result = {
      startedAt: 'x',
      mode: 'quick' as const,
      machine: { cpus: 1, cpuModel: 'x', chromium: 'c', node: 'n' },
      durationS: 1,
      errors: [],
    };
    expect(checkFigures({ ...result, rows: [row] }, ['shot-cost']).every((c) => c.ok)).toBe(true);
    // No shot stored: the per-shot figures are missing, and the check says so.
    const empty = shotRow(
      [
        shotSessionFigures({
          worker: { stored: [], discarded: {}, byCode: {}, skipped: {}, overBudget: {} },
          regionReportMs: [],
          longTasks: 0,
          sessionMs: 60_000,
          periodicSeconds: 10,
        }),
      ],
      'quick',
    );
    const [check] = checkFigures({ ...result, rows: [empty] }, ['shot-cost']);
    expect(check!.ok).toBe(false);
    expect(check!.problems.join()).toContain('worker capture ms per shot: no figures');
  });
});
