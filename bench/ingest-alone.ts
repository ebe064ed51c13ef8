import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { batchSchema } from '../lib/schema/batch';
import { rotated, spread } from './support/stats';
import { drive, freshBodies } from './workloads/server-ingest';
import { startBareServer, startFloorServer, startProjectServer, type Target } from './workloads/server-ingest-targets';

/**
 * The server-ingest workload alone, without Chromium: the same bodies, targets
 * and driver as bench/workloads/server-ingest.ts, on batches captured before
 * (a JSON array of batches: the wire-bytes workload saves its own with
 * WEBTRACE_BENCH_SAVE_BATCHES=file).
 *   npx tsx bench/ingest-alone.ts FILE [--reps=N] [--per-run=N] [--levels=1,4,16]
 *     [--compare=DIR] [--installs=N|c] [--cpu-prof=DIR]
 * Prints batches/s per concurrency for the bare baseline, the floor (the bare
 * server plus the decoding, scrubbing and compression every batch needs,
 * bench/support/floor-ingest-server.ts) and the server, and each one's ratio to the baseline (medians over the reps, each rep's
 * targets interleaved). --compare adds the server of another checkout (e.g.
 * the commit before a change, with node_modules linked in), measured in the
 * same run, so a change's gain is not lost in the machine's drift.
 * --cpu-prof profiles this checkout's server (written to DIR when it exits).
 * Also the CPU time each server process spent per batch (user + system, from
 * /proc): on a machine shared with other jobs it moves far less than
 * batches/s, so it shows a change's effect where throughput drowns it.
 */
const argsSchema = z.object({
  file: z.string().min(1),
  reps: z.coerce.number().int().min(1).max(50).default(3),
  perRun: z.coerce.number().int().min(1).max(5000).default(200),
  levels: z.array(z.coerce.number().int().min(1).max(256)).min(1).default([1, 4, 16]),
  compare: z.string().min(1).optional(),
  /** Bodies from this many installs in turn (default 1, as the bench); 'c': as many as the concurrency. */
  installs: z.union([z.literal('c'), z.coerce.number().int().min(1).max(1000)]).default(1),
  cpuProf: z.string().min(1).optional(),
});

function parseArgs(argv: readonly string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, unknown> = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m) raw.file = arg;
    else if (m[1] === 'levels') raw.levels = m[2]!.split(',');
    else raw[m[1]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = m[2];
  }
  return argsSchema.strict().parse(raw);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const templates = z
    .array(batchSchema)
    .min(1)
    .parse(JSON.parse(readFileSync(args.file, 'utf8')));
  const targets: Array<{ label: string; target: Target }> = [];
  try {
    targets.push({
      label: 'server',
      target: await startProjectServer(args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`] : []),
    });
    if (args.compare) targets.push({ label: 'compare', target: await startProjectServer([], args.compare) });
    targets.push({ label: 'floor', target: await startFloorServer() });
    targets.push({ label: 'bare', target: await startBareServer() });
    const figures = new Map<string, number[]>();
    const cpu = new Map<string, number[]>();
    for (let rep = 0; rep < args.reps; rep++) {
      for (const level of args.levels) {
        const bodies = freshBodies(templates, args.perRun, args.installs === 'c' ? level : args.installs);
        for (const { label, target } of rotated(targets, rep + level)) {
          const before = cpuMs(target.pid);
          const { seconds } = await drive(target, bodies, level);
          const key = `${label} c=${level}`;
          figures.set(key, [...(figures.get(key) ?? []), bodies.length / seconds]);
          cpu.set(key, [...(cpu.get(key) ?? []), (cpuMs(target.pid) - before) / bodies.length]);
        }
      }
    }
    for (const level of args.levels) {
      const bare = figures.get(`bare c=${level}`)!;
      const parts = targets.map(({ label }) => {
        const values = figures.get(`${label} c=${level}`)!;
        const s = spread(values);
        const ratio = label === 'bare' ? '' : ` = ${spread(values.map((v, i) => v / bare[i]!)).median.toFixed(2)}x bare`;
        const ms = spread(cpu.get(`${label} c=${level}`)!).median;
        return `${label} ${s.median.toFixed(1)}/s (${s.min.toFixed(0)}-${s.max.toFixed(0)})${ratio}, ${ms.toFixed(2)} CPU ms/batch`;
      });
      console.log(`c=${level}: ${parts.join(', ')}`);
    }
  } finally {
    for (const { target } of targets) await target.stop();
  }
}

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    // Fields 14 and 15 (utime, stime) after the parenthesised command name, in clock ticks (100/s on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return Number.NaN;
  }
}
const TICKS = 100;

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
