import { PassThrough } from 'node:stream';
import { parseFlags } from '../cli/flags';
import { runExport } from '../pipeline/run-export';

/**
 * One export in its own process, for the benchmark: prints its wall time,
 * steps and the process's peak resident memory as JSON on stdout.
 * Usage: tsx exporter/bench/run-one.ts <export flags…>
 */
const started = performance.now();
// The heap still live after a full GC, once a second (with --expose-gc): peak RSS alone grows with the run's
// length even when nothing is retained, because V8 lets a busy heap grow before it collects.
const gc = (globalThis as { gc?: () => void }).gc;
let peakLiveHeap = 0;
const sampler = gc
  ? setInterval(() => {
      gc();
      peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
    }, 1000)
  : undefined;
const outcome = await runExport(parseFlags(process.argv.slice(2), process.env), {
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  env: process.env,
});
clearInterval(sampler);
const m = outcome.manifest;
const steps = m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps;
const outputBytes = m.files.reduce((n, f) => n + f.bytes, 0);
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, steps, maxRssKb: process.resourceUsage().maxRSS, peakLiveHeapKb: Math.round(peakLiveHeap / 1024), outputBytes, files: m.files.length })}\n`,
);
