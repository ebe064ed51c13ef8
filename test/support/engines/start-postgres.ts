import { randomBytes } from 'node:crypto';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startDaemonGroup } from './daemon-group';
import { engineBin } from './ensure-engine';
import type { PostgresSettings, RunningEngine } from './engine-settings';
import { freePort } from './free-port';
import { runTool } from './run-tool';
import { unprivilegedUser } from './run-as';
import { waitUntil } from './wait-until';

export interface PostgresCluster extends PostgresSettings, RunningEngine {}

export interface StartPostgresOptions {
  /** Directory with initdb and postgres; default: what scripts/ensure-postgres.sh finds or installs. */
  bin?: string;
  timeoutMs?: number;
}

/**
 * A throwaway PostgreSQL cluster: initdb into a fresh temp dir, a free port on 127.0.0.1, the unix
 * socket in that dir, a superuser `webtrace` with a random password and a database `webtrace`.
 * As root it runs as the `postgres` user (initdb refuses root). Ready when a client can connect.
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const bin = opts.bin ?? (await engineBin('postgres'));
  return startDaemonGroup('webtrace-pg-', async (group) => {
    const { dir } = group;
    const runAs = unprivilegedUser();
    const owner = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
    const password = randomBytes(18).toString('base64url');
    const dataDir = path.join(dir, 'data');
    const pwfile = path.join(dir, 'pwfile');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    await mkdir(dataDir, { mode: 0o700 });
    if (runAs) for (const p of [dir, pwfile, dataDir]) await chown(p, runAs.uid, runAs.gid);

    const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    await runTool(
      path.join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'webtrace',
        `--pwfile=${pwfile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ],
      { ...owner, env, cwd: dir },
    );
    const port = await freePort();
    group.spawn(
      'postgres',
      path.join(bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'],
      { ...owner, env },
    );

    const url = (database: string) => `postgresql://webtrace:${password}@127.0.0.1:${port}/${database}`;
    await waitUntil('PostgreSQL', () => canConnect(url('postgres')), { timeoutMs: opts.timeoutMs ?? 60_000, failed: group.failure });
    await query(url('postgres'), 'CREATE DATABASE webtrace');
    return { databaseUrl: url('webtrace'), dir, pids: group.pids, stop: group.stop };
  });
}

async function canConnect(url: string): Promise<boolean> {
  await query(url, 'SELECT 1');
  return true;
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}
