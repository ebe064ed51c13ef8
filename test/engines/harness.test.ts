import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3Client } from '../support/engines/s3-client';
import { startCeph } from '../support/engines/start-ceph';
import { startPostgres } from '../support/engines/start-postgres';

// The harness itself: an engine it starts is usable, and after stop() — or after the runner that
// started it dies without calling stop() — no process of it is left and its directory is gone.
// These start engines of their own, beside the shared ones.

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describeWithPostgres('engine harness: PostgreSQL', () => {
  it('startPostgres gives a database URL that works; stop() ends every process and removes its directory', async () => {
    const cluster = await startPostgres();
    const client = new pg.Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ db: string; version: string }>(
      'SELECT current_database() AS db, current_setting($1) AS version',
      ['server_version_num'],
    );
    await client.end();
    expect(rows[0]!.db).toBe('webtrace');
    expect(Number(rows[0]!.version)).toBeGreaterThanOrEqual(150000);
    expect(cluster.pids.every(alive)).toBe(true);
    expect(existsSync(cluster.dir)).toBe(true);

    await cluster.stop();
    expect(cluster.pids.filter(alive)).toEqual([]);
    expect(existsSync(cluster.dir)).toBe(false);
  });

  it('a runner SIGKILLed without calling stop() leaves no engine behind: the reaper ends it and removes its directory', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/start-postgres-and-hang.ts', import.meta.url));
    const runner = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ dir: string; pids: number[] }>((resolve, reject) => {
      let out = '';
      runner.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      runner.once('exit', (code) => reject(new Error(`runner exited (${code}) before starting PostgreSQL`)));
    });
    expect(started.pids.every(alive)).toBe(true);

    runner.kill('SIGKILL');
    await expect.poll(() => started.pids.filter(alive), { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => existsSync(started.dir), { timeout: 15_000 }).toBe(false);
  });
});

describeWithCeph('engine harness: Ceph', () => {
  it('startCeph with a bucket gives S3 settings that work; stop() ends every process and removes its directory', async () => {
    const cluster = await startCeph({ bucket: 'harness-bucket' });
    expect(cluster.s3.bucket).toBe('harness-bucket');
    const client = s3Client(cluster.s3);
    await expect(client.send(new HeadBucketCommand({ Bucket: 'harness-bucket' }))).resolves.toBeDefined();
    client.destroy();
    expect(cluster.pids).toHaveLength(3);
    expect(cluster.pids.every(alive)).toBe(true);

    await cluster.stop();
    expect(cluster.pids.filter(alive)).toEqual([]);
    expect(existsSync(cluster.dir)).toBe(false);
    await expect(fetch(cluster.s3.endpoint)).rejects.toThrow();
  });
});
