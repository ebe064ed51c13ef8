import type { BenchResult, Row } from '../result';
import type { Spread } from './stats';

/** The result as plain-text tables, one block per row: a line per metric, a column per variant, then the ratios. */
export function formatTable(result: BenchResult): string {
  const out: string[] = [
    `webtrace benchmark, ${result.mode} mode, ${result.startedAt}, ${result.durationS.toFixed(0)} s`,
    `${result.machine.cpus} x ${result.machine.cpuModel}; ${result.machine.chromium}; Node ${result.machine.node}`,
    'figures: median (min-max) over n repetitions',
  ];
  for (const row of result.rows) out.push('', ...formatRow(row));
  for (const e of result.errors) out.push('', `!! ${e.workload} failed: ${e.message}`);
  return out.join('\n');
}

export function formatRow(row: Row): string[] {
  const ratioKeys = [...new Set(row.metrics.flatMap((m) => Object.keys(m.ratios)))];
  const label = (id: string) => row.columns.find((c) => c.id === id)?.label ?? id;
  const header = ['', ...row.columns.map((c) => c.label), ...ratioKeys.map((k) => k.split('/').map(label).join(' / '))];
  const lines = row.metrics.map((m) => [
    m.name,
    ...row.columns.map((c) => (m.cells[c.id] ? formatSpread(m.cells[c.id]!) : '-')),
    ...ratioKeys.map((k) => (m.ratios[k] === undefined ? '-' : `${m.ratios[k]!.toFixed(2)}x`)),
  ]);
  const n = Math.max(0, ...row.metrics.flatMap((m) => Object.values(m.cells).map((c) => c.n)));
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`== ${row.title} (n=${n})`, fmt(header), ...lines.map(fmt), ...row.notes.map((note) => `   ${note}`)];
}

export function formatSpread(s: Spread): string {
  return s.n > 1 && s.min !== s.max ? `${formatNumber(s.median)} (${formatNumber(s.min)}-${formatNumber(s.max)})` : formatNumber(s.median);
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 100) return Math.round(x).toLocaleString('en');
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
