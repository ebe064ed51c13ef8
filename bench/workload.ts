import type { Row } from './result';
import type { BenchEnv } from './support/bench-env';

/**
 * A workload of the benchmark: it measures something and returns table rows.
 * bench/registry.ts lists them in the order they run; to add a row (export
 * steps/s, screenshot cost, two-instance scale-out...), write a module in
 * bench/workloads/ that exports a Workload and add it to the registry.
 */
export interface BenchContext {
  env: BenchEnv;
  quick: boolean;
  /** Repetitions per comparison: at least 3 in full mode. */
  reps: number;
  log(message: string): void;
  /** What one workload leaves for a later one (e.g. the upload bodies the ingest row replays). */
  shared: Map<string, unknown>;
}

export interface Workload {
  id: string;
  /** One line: what it measures. */
  describe: string;
  /** Workloads whose `shared` results this one needs; the runner runs them first. */
  needs?: string[];
  /** Left out of the smoke run (--quick): too long for it. */
  fullOnly?: boolean;
  run(ctx: BenchContext): Promise<Row[]>;
}
