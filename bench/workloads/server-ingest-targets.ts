import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installOn } from '../../e2e/support/enrolled-install';
import { spawnServer, type ServerProcess } from '../../e2e/support/server-process';
import { ensureEngine } from '../../test/support/engines/ensure-engine';
import { startCeph } from '../../test/support/engines/start-ceph';
import { startPostgres } from '../../test/support/engines/start-postgres';

/** What the ingest benchmark sends batches to: one URL, or several taken in turn (instances sharing a store). */
export interface Target {
  id: 'bare' | 'floor' | 'server' | 's3x1' | 's3x2';
  urls: string[];
  token: string;
  /** The serving process, when it is one (its CPU time is read from /proc by bench/ingest-alone.ts). */
  pid?: number;
  /**
   * The headers an install's uploads carry. The project's server enrols it first and posts its consent
   * grant, as a real client does (once per install and store: the s3 targets share theirs).
   */
  headersFor(installId: string, consentVersion: string | undefined): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Enrolled on the store `store` through `url`; a checkout from before per-install credentials (no enrol route) takes the token alone. */
function enrolledHeaders(url: string, token: string, store: string): Target['headersFor'] {
  return async (installId, consentVersion) => {
    try {
      const install = await installOn({ url, ingestToken: token }, installId, store, consentVersion);
      return install.headers;
    } catch (err) {
      if (/installs\/enrol -> 404/.test((err as Error).message)) return { Authorization: `Bearer ${token}` };
      throw err;
    }
  };
}

const BARE_SERVER = fileURLToPath(new URL('../support/bare-ingest-server.mjs', import.meta.url));

/** `nodeArgs`: extra node flags for the server (e.g. --cpu-prof); `cwd`: another checkout's server (bench/ingest-alone.ts). */
export async function startProjectServer(nodeArgs: string[] = [], cwd?: string): Promise<Target> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-bench-ingest-'));
  const token = `ingest-${crypto.randomUUID()}`;
  const proc = await spawnServer({ dataDir, ingestToken: token, readToken: `read-${crypto.randomUUID()}`, nodeArgs, cwd });
  return {
    id: 'server',
    urls: [proc.url],
    token,
    pid: proc.pid,
    headersFor: enrolledHeaders(proc.url, token, dataDir),
    async stop() {
      await proc.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startBareServer(): Promise<Target> {
  return startPlainServer('bare', [BARE_SERVER]);
}

const FLOOR_SERVER = fileURLToPath(new URL('../support/floor-ingest-server.ts', import.meta.url));

/** The bare server plus only the work every batch needs whatever the server: decode and validate, scrub, gzip at rest. */
export async function startFloorServer(): Promise<Target> {
  return startPlainServer('floor', ['--import', 'tsx', FLOOR_SERVER]);
}

/** A one-file node:http server of the bench's (no auth): `args` run by node with a fresh data directory last. */
async function startPlainServer(id: 'bare' | 'floor', args: string[]): Promise<Target> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `webtrace-bench-${id}-`));
  const child = spawn(process.execPath, [...args, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`${id} server exited before listening: ${out}`)));
  });
  return {
    id,
    urls: [url],
    token: 'none',
    pid: child.pid,
    headersFor: async () => ({ Authorization: 'Bearer none' }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Ceph RGW and one PostgreSQL (the test harness's), and two server
 * instances on them in s3 mode: the targets "one s3 instance" (the first) and
 * "two s3 instances" (both, in turn). Null, with the reason, when an engine
 * is not available here.
 */
export async function startS3Targets(): Promise<{ targets: Target[]; stop(): Promise<void> } | { missing: string }> {
  const [cephBin, pgBin] = [await ensureEngine('ceph'), await ensureEngine('postgres')];
  if ('missing' in cephBin) return { missing: cephBin.missing };
  if ('missing' in pgBin) return { missing: pgBin.missing };
  const [ceph, pg] = await Promise.all([startCeph({ bin: cephBin.bin, bucket: 'webtrace-bench' }), startPostgres({ bin: pgBin.bin })]);
  const token = `ingest-${crypto.randomUUID()}`;
  const env = {
    WEBTRACE_STORE: 's3',
    WEBTRACE_S3_ENDPOINT: ceph.s3.endpoint,
    WEBTRACE_S3_BUCKET: 'webtrace-bench',
    WEBTRACE_S3_REGION: ceph.s3.region,
    AWS_ACCESS_KEY_ID: ceph.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ceph.s3.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    WEBTRACE_DATABASE_URL: pg.databaseUrl,
  };
  const dirs = [await mkdtemp(path.join(os.tmpdir(), 'webtrace-bench-s3-')), await mkdtemp(path.join(os.tmpdir(), 'webtrace-bench-s3-'))];
  const procs: ServerProcess[] = [];
  try {
    // One after the other: the first creates the index tables.
    for (const dataDir of dirs)
      procs.push(await spawnServer({ dataDir, ingestToken: token, readToken: `read-${crypto.randomUUID()}`, env }));
  } catch (err) {
    for (const p of procs) await p.kill('SIGTERM');
    await Promise.all([ceph.stop(), pg.stop()]);
    throw err;
  }
  const none = async () => {};
  // Both targets write to the one bucket and database: an install enrolled through one is enrolled for both.
  const headersFor = enrolledHeaders(procs[0]!.url, token, 's3:webtrace-bench');
  return {
    targets: [
      { id: 's3x1', urls: [procs[0]!.url], token, headersFor, stop: none },
      { id: 's3x2', urls: procs.map((p) => p.url), token, headersFor, stop: none },
    ],
    async stop() {
      for (const p of procs) await p.kill('SIGTERM');
      await Promise.all([ceph.stop(), pg.stop(), ...dirs.map((d) => rm(d, { recursive: true, force: true }))]);
    },
  };
}
