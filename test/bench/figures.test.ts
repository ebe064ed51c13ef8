import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../bench/cli-flags';
import type { BenchResult } from '../../bench/result';
import { buildRow } from '../../bench/support/build-row';
import { checkFigures } from '../../bench/support/check-figures';
import { formatRow } from '../../bench/support/format-table';
import { rotated, slope, spread } from '../../bench/support/stats';

const columns = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
];

function result(rows: BenchResult['rows'], errors: BenchResult['errors'] = []): BenchResult {
  return { startedAt: 'now', mode: 'quick', machine: { cpus: 2, cpuModel: 'x', chromium: 'c', node: '20' }, durationS: 1, rows, errors };
}

describe('bench statistics', () => {
  it('takes the median with its range', () => {
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(spread([]).n).toBe(0);
  });

  it('fits a least-squares slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(slope([{ x: 0, y: 1 }])).toBeNaN();
  });

  it('rotates the variants each repetition', () => {
    expect(rotated(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotated(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotated(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b']);
  });
});

describe('bench rows', () => {
  const row = buildRow({
    id: 'r',
    title: 'row',
    columns,
    metrics: [
      { key: 'ms', name: 'ms', unit: 'ms', ratio: true },
      { key: 'n', name: 'count', unit: 'count' },
    ],
    samples: [
      { variant: 'a', values: { ms: 10, n: 1 } },
      { variant: 'a', values: { ms: 30, n: 3 } },
      { variant: 'a', values: { ms: 20, n: 2 } },
      { variant: 'b', values: { ms: 5 } },
    ],
    ratios: [['a', 'b']],
  });

  it('folds samples into medians per variant, with ratios of medians only where asked', () => {
    expect(row.metrics[0]!.cells.a).toEqual({ median: 20, min: 10, max: 30, n: 3 });
    expect(row.metrics[0]!.ratios).toEqual({ 'a/b': 4 });
    expect(row.metrics[1]!.cells.b).toBeUndefined(); // does not apply to b: absent, not NaN
    expect(row.metrics[1]!.ratios).toEqual({});
  });

  it('prints a line per metric with the range and the ratio', () => {
    const lines = formatRow(row).join('\n');
    expect(lines).toContain('20.0 (10.0-30.0)');
    expect(lines).toContain('4.00x');
  });

  it('passes a row whose every figure is finite', () => {
    expect(checkFigures(result([row]), ['r'])).toEqual([{ name: 'bench r', ok: true, problems: [] }]);
  });

  it('fails a row with a figure that is not a finite number', () => {
    const bad = structuredClone(row);
    bad.metrics[0]!.cells.b = { median: Number.NaN, min: 1, max: Number.POSITIVE_INFINITY, n: 1 };
    const [check] = checkFigures(result([bad]), ['r']);
    expect(check!.ok).toBe(false);
    expect(check!.problems.join()).toMatch(/median is NaN.*max is Infinity/);
  });

  it('fails a ratio that is not finite, a metric without figures, a workload that threw or produced nothing', () => {
    const bad = structuredClone(row);
    bad.metrics[0]!.ratios['a/b'] = Number.POSITIVE_INFINITY;
    bad.metrics[1]!.cells = {};
    const checks = checkFigures(result([bad], [{ workload: 'w', message: 'boom' }]), ['r', 'w', 'missing']);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['bench r', false],
      ['bench w', false],
      ['bench missing', false],
    ]);
    expect(checks[0]!.problems).toEqual(['ms: ratio a/b is Infinity', 'count: no figures']);
  });
});

describe('bench flags', () => {
  it('parses the flags and rejects anything else, naming it', () => {
    expect(parseFlags(['--quick', '--only=a,b', '--reps=3', '--report=x.json'])).toEqual({
      quick: true,
      only: ['a', 'b'],
      reps: 3,
      report: 'x.json',
    });
    expect(parseFlags([])).toEqual({ quick: false });
    expect(() => parseFlags(['--reps=0'])).toThrow(/--reps/);
    expect(() => parseFlags(['--fast'])).toThrow(/fast/);
    expect(() => parseFlags(['quick'])).toThrow(/unexpected argument/);
  });
});
