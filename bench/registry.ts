import { exportWorkload } from './workloads/export';
import { memoryWorkload } from './workloads/memory';
import { pageCostWorkload } from './workloads/page-cost';
import { serverIngestWorkload } from './workloads/server-ingest';
import { shotCostWorkload } from './workloads/shot-cost';
import { wireBytesWorkload } from './workloads/wire-bytes';
import type { Workload } from './workload';

/**
 * Every workload of `npm run bench`, in the order they run (and print).
 *
 * To add a row: write bench/workloads/<name>.ts exporting a Workload
 * (bench/workload.ts) whose run() measures with the shared environment
 * (ctx.env: Chromium with the built extension, the real server behind a
 * counting proxy, the generated pages), interleaves its variants over
 * ctx.reps repetitions (bench/support/stats.ts `rotated`) and folds the
 * samples into rows with bench/support/build-row.ts; then list it here.
 * Mark it fullOnly if it cannot finish inside the smoke run's budget (the
 * whole --quick run stays under 2 minutes). The smoke run in npm test checks
 * that each listed workload produces rows whose every figure is finite.
 * Rows that later issues add here: two-instance scale-out (export steps/s is
 * bench/workloads/export.ts, screenshot cost bench/workloads/shot-cost.ts).
 */
export const WORKLOADS: Workload[] = [
  pageCostWorkload({ id: 'snapshot-1k', title: '1.3k nodes: full snapshot', kind: 'snapshot', nodes: 1_300 }),
  pageCostWorkload({ id: 'snapshot-13k', title: '13k nodes: full snapshot', kind: 'snapshot', nodes: 13_000, fullOnly: true }),
  pageCostWorkload({ id: 'snapshot-130k', title: '130k nodes: full snapshot', kind: 'snapshot', nodes: 130_000, fullOnly: true }),
  pageCostWorkload({ id: 'mutation-1k', title: '1.3k nodes + mutation workload', kind: 'mutation', nodes: 1_300 }),
  pageCostWorkload({ id: 'mutation-13k', title: '13k nodes + mutation workload', kind: 'mutation', nodes: 13_000, fullOnly: true }),
  pageCostWorkload({ id: 'interaction-1k', title: '1.3k nodes: interaction (clicks, typing)', kind: 'interaction', nodes: 1_300 }),
  wireBytesWorkload,
  serverIngestWorkload,
  memoryWorkload,
  exportWorkload,
  shotCostWorkload,
];
