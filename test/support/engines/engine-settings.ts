/**
 * What the throwaway engines hand to a test, a benchmark or a person trying scale-out. Plain data,
 * so Vitest's global setup can pass it to the test workers.
 */
export interface S3Settings {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Set when the cluster was started with a bucket to create. */
  bucket?: string;
}

export interface PostgresSettings {
  /** A superuser's URL (password included) on 127.0.0.1, to the database `webtrace`. */
  databaseUrl: string;
}

/** A throwaway engine the harness started. */
export interface RunningEngine {
  /** Its temp directory (config, keys, data, sockets, output); removed by stop(). */
  readonly dir: string;
  /** Its daemons' process ids (each leads its own process group). */
  readonly pids: readonly number[];
  /** Kills every process of it and removes its directory, even after a failed test; idempotent. */
  stop(): Promise<void>;
}

/**
 * How an engine came out of the global setup: ready, missing (not installed and not installable
 * here: skipped, except in CI) or failed (installed but did not start: always a failure).
 */
export type EngineState<T> =
  { status: 'ready'; settings: T } | { status: 'missing'; reason: string } | { status: 'failed'; reason: string };

export interface EnginesContext {
  ceph: EngineState<S3Settings>;
  postgres: EngineState<PostgresSettings>;
  /** Seconds a bucket lifecycle "day" lasts on that Ceph. */
  lcDaySeconds: number;
}
