import { PassThrough } from 'node:stream';
import { parseFlags } from '../cli/flags';
import { runExport } from '../pipeline/run-export';

/**
 * One export in its own process, for the benchmark: prints its wall time,
 * steps and the process's peak resident memory as JSON on stdout.
 * Usage: tsx exporter/bench/run-one.ts <export flags…>
 */
const started = performance.now();
const outcome = await runExport(parseFlags(process.argv.slice(2), process.env), {
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  env: process.env,
});
const m = outcome.manifest;
const steps = m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps;
const outputBytes = m.files.reduce((n, f) => n + f.bytes, 0);
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, steps, maxRssKb: process.resourceUsage().maxRSS, outputBytes, files: m.files.length })}\n`,
);
