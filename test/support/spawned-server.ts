import { gzipSync } from 'node:zlib';
import { afterAll, afterEach } from 'vitest';
import { spawnServer, type ServerProcess } from '../../e2e/support/server-process';
import { installOn, type EnrolledInstall } from '../../e2e/support/enrolled-install';
import type { Batch } from '../../lib/schema/batch';
import { INGEST_TOKEN, READ_TOKEN, makeTempDir, removeDir } from '../server/harness';

/**
 * The real server as a child process, for the probes that kill it, starve it or fill its disk: the
 * test tokens, a temp data dir that outlives a process (a restart finds its data), and every process
 * killed and every dir it made removed after each test (or after the file, with `'all'`).
 */
export const SPAWNED_TOKENS = { ingestToken: INGEST_TOKEN, readToken: READ_TOKEN } as const;

export interface SpawnOptions {
  /** Defaults to a new temp dir, removed afterwards. */
  dataDir?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** Each listening server's data dir: an install enrolled before a restart keeps its credential. */
const dataDirOf = new Map<string, string>();

export function useSpawnedServers(scope: 'each' | 'all' = 'each') {
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];
  const cleanUp = async () => {
    await Promise.all(procs.splice(0).map((p) => p.kill()));
    await Promise.all(dirs.splice(0).map(removeDir));
  };
  (scope === 'each' ? afterEach : afterAll)(cleanUp);
  return {
    /** A temp data dir, removed after the test. */
    async tempDir(): Promise<string> {
      const dir = await makeTempDir();
      dirs.push(dir);
      return dir;
    },
    async start(opts: SpawnOptions = {}): Promise<ServerProcess & { dataDir: string }> {
      const dataDir = opts.dataDir ?? (await this.tempDir());
      const proc = await spawnServer({ dataDir, ...SPAWNED_TOKENS, env: opts.env, nodeArgs: opts.nodeArgs });
      procs.push(proc);
      dataDirOf.set(proc.url, dataDir);
      return { ...proc, dataDir };
    },
  };
}

/** The install enrolled on the server at `url` (once per data dir) with an active consent grant. */
export const enrolOn = (url: string, installId: string): Promise<EnrolledInstall> =>
  installOn({ url, ingestToken: SPAWNED_TOKENS.ingestToken }, installId, dataDirOf.get(url));

/**
 * POST /v1/batches to a listening server: gzip JSON with the ingest token and the batch's install's
 * credential (enrolled on first use), as the extension sends it.
 */
export async function sendBatch(url: string, batch: Batch, headers: Record<string, string> = {}): Promise<Response> {
  const install = await enrolOn(url, batch.installId);
  return fetch(`${url}/v1/batches`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      ...install.headers,
      ...headers,
    },
    body: gzipSync(JSON.stringify(batch)),
  });
}

/** GET a path of a listening server with the read token. */
export const readFrom = (url: string, path: string): Promise<Response> =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${SPAWNED_TOKENS.readToken}` } });
