import type { TestProject } from 'vitest/node';
import { z } from 'zod';
import type { EngineState, PostgresSettings, S3Settings } from './engine-settings';
import { ensureEngine, type EngineBinaries } from './ensure-engine';
import { startCeph } from './start-ceph';
import { startPostgres } from './start-postgres';
import './vitest-context';

const lcDaySchema = z.coerce
  .number({ error: 'WEBTRACE_TEST_LC_DAY_SECONDS must be a number of seconds' })
  .int()
  .min(1)
  .max(86_400)
  .default(3);

type Started<T> = { state: EngineState<T>; stop: () => Promise<void> };
const noStop = async () => {};

/**
 * One Ceph and one PostgreSQL for the whole run of the engines project (not one per test file:
 * each start costs both cores for seconds, and tests isolate themselves with their own bucket or
 * database). Never throws: what is missing or failed goes to the tests, which skip or fail (see
 * engine-gate.ts). WEBTRACE_TEST_LC_DAY_SECONDS sets the lifecycle "day" (default 3 s).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lcDaySeconds = lcDaySchema.parse(process.env.WEBTRACE_TEST_LC_DAY_SECONDS);
  // One after the other: two package installs at once would fight over dpkg's lock.
  const cephBin = await ensureEngine('ceph');
  const pgBin = await ensureEngine('postgres');
  const t0 = Date.now();
  const [ceph, postgres] = await Promise.all([cephFrom(cephBin, lcDaySeconds), postgresFrom(pgBin)]);
  console.log(`engines: Ceph ${ceph.state.status}, PostgreSQL ${postgres.state.status} after ${Date.now() - t0} ms`);
  project.provide('engines', { ceph: ceph.state, postgres: postgres.state, lcDaySeconds });
  return async () => {
    await Promise.all([ceph.stop(), postgres.stop()]);
  };
}

async function cephFrom(bin: EngineBinaries, lcDaySeconds: number): Promise<Started<S3Settings>> {
  if ('missing' in bin) return { state: { status: 'missing', reason: bin.missing }, stop: noStop };
  try {
    const cluster = await startCeph({ bin: bin.bin, lcDaySeconds });
    return { state: { status: 'ready', settings: cluster.s3 }, stop: cluster.stop };
  } catch (error) {
    return { state: { status: 'failed', reason: `Ceph did not start: ${(error as Error).message}` }, stop: noStop };
  }
}

async function postgresFrom(bin: EngineBinaries): Promise<Started<PostgresSettings>> {
  if ('missing' in bin) return { state: { status: 'missing', reason: bin.missing }, stop: noStop };
  try {
    const cluster = await startPostgres({ bin: bin.bin });
    return { state: { status: 'ready', settings: { databaseUrl: cluster.databaseUrl } }, stop: cluster.stop };
  } catch (error) {
    return { state: { status: 'failed', reason: `PostgreSQL did not start: ${(error as Error).message}` }, stop: noStop };
  }
}
