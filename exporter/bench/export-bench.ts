import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generateStore } from './generate-store';

/**
 * The export benchmark: steps per second with and without rendering on a
 * generated store, and the exporter's peak memory as the number of sessions
 * grows (it should stay flat: sessions are streamed one at a time). Each
 * export runs in a fresh process (exporter/bench/run-one.ts), so its peak
 * resident memory is its own. Figures, not assertions: run it under the
 * browser lock on an otherwise idle machine.
 *   npx tsx exporter/bench/export-bench.ts [--steps 10000] [--rendered-steps N] [--workers 2] [--sessions-for-memory 250,1000,4000]
 * `--rendered-steps` renders a store of its own size (rendering 10,000 steps takes 9-15 min here at 11-19 steps/s, longer than a
 * turn at the browser lock should); 0 skips the rendered run, so the rest needs no browser. `--sessions-for-memory ''`
 * skips the memory runs.
 */
export interface ExportRunFigures {
  sessions: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  /** The exporter process's peak resident memory (the browser's own processes not included). */
  peakRssMb: number;
  /** The largest heap still live after a full GC, sampled each second; only for the memory runs (0 otherwise). */
  peakLiveHeapMb: number;
  outputMb: number;
}

export interface ExportBenchFigures {
  /** Null when skipped (`renderedSteps: 0`). */
  rendered: (ExportRunFigures & { workers: number }) | null;
  unrendered: ExportRunFigures;
  memory: ExportRunFigures[];
}

const run = promisify(execFile);
const RUN_ONE = fileURLToPath(new URL('./run-one.ts', import.meta.url));

async function exportOnce(
  data: string,
  out: string,
  extra: string[],
  nodeFlags: string[] = [],
): Promise<Omit<ExportRunFigures, 'sessions'>> {
  const { stdout } = await run(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', RUN_ONE, '--data', data, '--out', out, '--quiet', ...extra],
    {
      env: { ...process.env, WEBTRACE_EXPORT_SALT: 'benchmark-salt-of-enough-bytes' },
      maxBuffer: 1 << 20,
    },
  );
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    seconds: number;
    steps: number;
    maxRssKb: number;
    peakLiveHeapKb: number;
    outputBytes: number;
  };
  return {
    steps: r.steps,
    seconds: round(r.seconds),
    stepsPerSecond: round(r.steps / r.seconds),
    peakRssMb: round(r.maxRssKb / 1024),
    peakLiveHeapMb: round(r.peakLiveHeapKb / 1024),
    outputMb: round(r.outputBytes / 2 ** 20),
  };
}

export async function exportBench(
  opts: { steps?: number; renderedSteps?: number; stepsPerSession?: number; workers?: number; memorySessions?: number[] } = {},
): Promise<ExportBenchFigures> {
  const steps = opts.steps ?? 10_000;
  const renderedSteps = opts.renderedSteps ?? steps;
  const perSession = opts.stepsPerSession ?? 50;
  const workers = opts.workers ?? 2;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-bench-'));
  try {
    const sessions = Math.ceil(steps / perSession);
    const data = path.join(dir, 'store');
    await generateStore(data, { sessions, stepsPerSession: perSession, installs: Math.ceil(sessions / 4), sites: 8 });
    const unrendered = { sessions, ...(await exportOnce(data, path.join(dir, 'plain'), ['--no-render'])) };
    await rm(path.join(dir, 'plain'), { recursive: true, force: true });
    let rendered: ExportBenchFigures['rendered'] = null;
    if (renderedSteps > 0) {
      const renderedSessions = Math.ceil(renderedSteps / perSession);
      let renderData = data;
      if (renderedSteps !== steps) {
        renderData = path.join(dir, 'store-rendered');
        await generateStore(renderData, {
          sessions: renderedSessions,
          stepsPerSession: perSession,
          installs: Math.ceil(renderedSessions / 4),
          sites: 8,
        });
      }
      const figures = await exportOnce(renderData, path.join(dir, 'rendered'), ['--workers', String(workers)]);
      rendered = { sessions: renderedSessions, workers, ...figures };
      await rm(path.join(dir, 'rendered'), { recursive: true, force: true });
    }
    const memory: ExportRunFigures[] = [];
    for (const n of opts.memorySessions ?? [250, 1000, 4000]) {
      const store = path.join(dir, `store-${n}`);
      await generateStore(store, { sessions: n, stepsPerSession: 10, installs: Math.ceil(n / 4), sites: 8, seed: n });
      memory.push({ sessions: n, ...(await exportOnce(store, path.join(dir, `mem-${n}`), ['--no-render'], ['--expose-gc'])) });
      await rm(store, { recursive: true, force: true });
      await rm(path.join(dir, `mem-${n}`), { recursive: true, force: true });
    }
    return { rendered, unrendered, memory };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const figures = await exportBench({
    steps: arg('--steps') ? Number(arg('--steps')) : undefined,
    renderedSteps: arg('--rendered-steps') !== undefined ? Number(arg('--rendered-steps')) : undefined,
    workers: arg('--workers') ? Number(arg('--workers')) : undefined,
    memorySessions: arg('--sessions-for-memory')?.split(',').filter(Boolean).map(Number),
  });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
