import type { BenchResult } from '../result';

/**
 * The smoke check run in npm test: every row has figures and every figure is
 * a finite number. Nothing about time is asserted. One check per row, and one
 * failed check per workload that threw.
 */
export interface FigureCheck {
  name: string;
  ok: boolean;
  problems: string[];
}

export function checkFigures(result: BenchResult, expectedWorkloads: readonly string[]): FigureCheck[] {
  const checks: FigureCheck[] = result.rows.map((row) => {
    const problems: string[] = [];
    if (row.metrics.length === 0) problems.push('no metrics');
    for (const m of row.metrics) {
      if (Object.keys(m.cells).length === 0) problems.push(`${m.name}: no figures`);
      for (const [variant, cell] of Object.entries(m.cells)) {
        for (const k of ['median', 'min', 'max'] as const) {
          if (!Number.isFinite(cell[k])) problems.push(`${m.name} / ${variant}: ${k} is ${cell[k]}`);
        }
        if (cell.n < 1) problems.push(`${m.name} / ${variant}: no measurements`);
      }
      for (const [k, v] of Object.entries(m.ratios)) if (!Number.isFinite(v)) problems.push(`${m.name}: ratio ${k} is ${v}`);
    }
    return { name: `bench ${row.id}`, ok: problems.length === 0, problems };
  });
  for (const e of result.errors) checks.push({ name: `bench ${e.workload}`, ok: false, problems: [e.message] });
  const produced = new Set([...result.rows.map((r) => r.id.split(':')[0]), ...result.errors.map((e) => e.workload)]);
  for (const id of expectedWorkloads) {
    if (!produced.has(id)) checks.push({ name: `bench ${id}`, ok: false, problems: ['produced no row'] });
  }
  return checks;
}
