import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from '../e2e/support/find-chromium';
import { parseFlags } from './cli-flags';
import { WORKLOADS } from './registry';
import type { BenchResult, Row } from './result';
import { startBenchEnv } from './support/bench-env';
import { checkFigures } from './support/check-figures';
import { formatTable } from './support/format-table';
import type { Workload } from './workload';

/**
 * npm run bench [-- --quick] [--only=id,...] [--reps=N] [--report=file]
 * Runs the workloads of bench/registry.ts in real Chromium with the built
 * extension against the real server, prints the table, writes
 * bench-results/<time>-<mode>.json, and checks that every figure is a finite
 * number (exit 1 otherwise). Run it holding the machine's browser lock.
 */
const flags = parseFlags(process.argv.slice(2));
const quick = flags.quick;
const reps = flags.reps ?? (quick ? 1 : 3);
const started = Date.now();

function selected(): Workload[] {
  const pool = WORKLOADS.filter((w) => !(quick && w.fullOnly));
  if (!flags.only) return pool;
  const unknown = flags.only.filter((id) => !WORKLOADS.some((w) => w.id === id));
  if (unknown.length) throw new Error(`unknown workload(s) ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.id).join(', ')}`);
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    for (const dep of WORKLOADS.find((w) => w.id === id)?.needs ?? []) add(dep);
    wanted.add(id);
  };
  flags.only.forEach(add);
  return WORKLOADS.filter((w) => wanted.has(w.id));
}

function writeReport(passed: number, failed: number, skipped: number, details: unknown): void {
  if (!flags.report) return;
  mkdirSync(path.dirname(flags.report), { recursive: true });
  writeFileSync(flags.report, JSON.stringify({ passed, failed, skipped, details }, null, 2));
}

async function main(): Promise<number> {
  const workloads = selected();
  if (process.env.WEBTRACE_SKIP_E2E) {
    console.log('bench: no Chromium on this machine; skipped');
    writeReport(0, 0, workloads.length, []);
    return 0;
  }
  const chromiumPath = findChromium();
  const chromium = chromiumPath ? execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim() : 'none';
  const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);
  const env = await startBenchEnv();
  const rows: Row[] = [];
  const errors: BenchResult['errors'] = [];
  const shared = new Map<string, unknown>();
  try {
    for (const workload of workloads) {
      log(`${workload.id}: ${workload.describe}`);
      try {
        rows.push(...(await workload.run({ env, quick, reps, log, shared })));
      } catch (err) {
        log(`${workload.id} FAILED: ${err instanceof Error ? err.stack : String(err)}`);
        errors.push({ workload: workload.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    await env.close();
  }
  const result: BenchResult = {
    startedAt: new Date(started).toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', chromium, node: process.versions.node },
    durationS: (Date.now() - started) / 1000,
    rows,
    errors,
  };
  mkdirSync('bench-results', { recursive: true });
  const file = path.join('bench-results', `${result.startedAt.replace(/[:.]/g, '-')}-${result.mode}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\n${formatTable(result)}\n\nwritten: ${file}`);

  const checks = checkFigures(
    result,
    workloads.map((w) => w.id),
  );
  const failed = checks.filter((c) => !c.ok);
  for (const c of failed) console.log(`bench check failed: ${c.name}: ${c.problems.join('; ')}`);
  console.log(`bench checks: ${checks.length - failed.length} passed, ${failed.length} failed`);
  writeReport(checks.length - failed.length, failed.length, 0, checks);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    writeReport(0, 1, 0, [{ name: 'bench', ok: false, problems: [String(err)] }]);
    process.exit(1);
  },
);
