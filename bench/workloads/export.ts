import { exportBench } from '../../exporter/bench/export-bench';
import { buildRow, type Sample } from '../support/build-row';
import type { Workload } from '../workload';

/**
 * The dataset exporter (exporter/bench/export-bench.ts): steps/s with and
 * without rendering on a generated store, and its peak memory as the number
 * of sessions grows (flat: sessions are streamed). One repetition: each export
 * is already thousands of steps. The smoke run uses a small store.
 */
export const exportWorkload: Workload = {
  id: 'export',
  describe: 'dataset export: steps/s rendered and not, peak memory against the number of sessions',
  async run(ctx) {
    const figures = await exportBench(
      ctx.quick
        ? { steps: 60, stepsPerSession: 20, workers: 1, memorySessions: [20, 80] }
        : { steps: 10_000, workers: 2, memorySessions: [250, 1000, 4000] },
    );
    const rendered = figures.rendered;
    if (!rendered) throw new Error('export bench: the rendered run was skipped');
    ctx.log(`export: ${rendered.stepsPerSecond} steps/s rendered, ${figures.unrendered.stepsPerSecond} steps/s without`);
    const samples: Sample[] = [
      {
        variant: 'rendered',
        values: { stepsPerSecond: rendered.stepsPerSecond, peakRssMb: rendered.peakRssMb, steps: rendered.steps },
      },
      {
        variant: 'unrendered',
        values: {
          stepsPerSecond: figures.unrendered.stepsPerSecond,
          peakRssMb: figures.unrendered.peakRssMb,
          steps: figures.unrendered.steps,
        },
      },
      ...figures.memory.map((m) => ({
        variant: `sessions-${m.sessions}`,
        values: { peakRssMb: m.peakRssMb, peakLiveHeapMb: m.peakLiveHeapMb, steps: m.steps },
      })),
    ];
    return [
      buildRow({
        id: 'export',
        title: `export: ${rendered.steps} steps of ${rendered.sessions} sessions (${rendered.workers} render workers)`,
        columns: [
          { id: 'rendered', label: 'with screenshots' },
          { id: 'unrendered', label: '--no-render' },
          ...figures.memory.map((m) => ({ id: `sessions-${m.sessions}`, label: `--no-render, ${m.sessions} sessions` })),
        ],
        metrics: [
          { key: 'stepsPerSecond', name: 'steps/s', unit: 'steps/s' },
          { key: 'peakRssMb', name: 'exporter peak RSS', unit: 'MB' },
          { key: 'peakLiveHeapMb', name: 'exporter live heap after GC, peak (memory runs)', unit: 'MB' },
          { key: 'steps', name: 'steps exported', unit: 'steps' },
        ],
        samples,
        notes: [
          'goals on 2 cores: >= 10 steps/s with screenshots, >= 1,000 without; live heap flat in the number of sessions (peak RSS also grows with run length as V8 defers collection)',
        ],
      }),
    ];
  },
};
