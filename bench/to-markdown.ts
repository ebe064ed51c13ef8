import { readFileSync } from 'node:fs';
import { benchResultSchema, type Row } from './result';
import { formatSpread } from './support/format-table';

/**
 * npx tsx bench/to-markdown.ts bench-results/<file>.json: the run as Markdown
 * tables, one per row, for the README's Performance section.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/to-markdown.ts bench-results/<file>.json');
const result = benchResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

function table(row: Row): string {
  const label = (id: string) => row.columns.find((c) => c.id === id)?.label ?? id;
  const ratioKeys = [...new Set(row.metrics.flatMap((m) => Object.keys(m.ratios)))];
  const n = Math.max(0, ...row.metrics.flatMap((m) => Object.values(m.cells).map((c) => c.n)));
  const head = ['', ...row.columns.map((c) => c.label), ...ratioKeys.map((k) => k.split('/').map(label).join(' ÷ '))];
  const lines = row.metrics.map((m) => [
    m.name,
    ...row.columns.map((c) => (m.cells[c.id] ? formatSpread(m.cells[c.id]!).replace('-', '–') : '–')),
    ...ratioKeys.map((k) => (m.ratios[k] === undefined ? '' : `${m.ratios[k]!.toFixed(2)}×`)),
  ]);
  return [
    `**${row.title}** (n=${n})`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
    ...row.notes.map((note) => `\n_${note}_`),
  ].join('\n');
}

console.log(
  `Run of ${result.startedAt.slice(0, 10)}, ${result.mode} mode, ${Math.round(result.durationS / 60)} min: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.chromium}, Node ${result.machine.node}. Median (min–max) over n repetitions.\n`,
);
console.log(result.rows.map(table).join('\n\n'));
