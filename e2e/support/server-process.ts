import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The real ingestion server as a child process on a data directory that
 * outlives it, so a test can kill it (SIGKILL: no graceful close) and start it
 * again on the same data, as after a crash or an outage.
 */
export interface ServerProcess {
  url: string;
  pid: number;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnServer(opts: {
  dataDir: string;
  ingestToken: string;
  readToken: string;
  env?: Record<string, string>;
  /** Extra node flags, before the server's own (e.g. --import of a fault-injecting preload). */
  nodeArgs?: string[];
  /** The checkout whose server/main.ts runs (default: this one); the bench compares two versions with it. */
  cwd?: string;
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      opts.dataDir,
      '--log-level',
      'warn',
    ],
    {
      env: { ...process.env, WEBTRACE_INGEST_TOKENS: opts.ingestToken, WEBTRACE_READ_TOKENS: opts.readToken, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (buf: Buffer) => {
      output += buf.toString();
      const m = /webtrace server listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}

/** A server whose process can be killed and started again on the same data; `read` talks to it directly. */
export interface RestartableServer {
  readonly url: string;
  dataDir: string;
  ingestToken: string;
  readToken: string;
  read<T>(pathname: string): Promise<T>;
  kill(): Promise<void>;
  start(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRestartableServer(): Promise<RestartableServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-data-'));
  const tokens = { ingestToken: `ingest-${crypto.randomUUID()}`, readToken: `read-${crypto.randomUUID()}` };
  let proc: ServerProcess | null = await spawnServer({ dataDir, ...tokens });
  let url = proc.url;
  return {
    get url() {
      return url;
    },
    dataDir,
    ...tokens,
    async read<T>(pathname: string) {
      const res = await fetch(`${url}${pathname}`, { headers: { Authorization: `Bearer ${tokens.readToken}` } });
      if (!res.ok) throw new Error(`GET ${pathname} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async kill() {
      await proc?.kill('SIGKILL');
      proc = null;
    },
    async start() {
      if (!proc) proc = await spawnServer({ dataDir, ...tokens });
      url = proc.url;
      return url;
    },
    async stop() {
      await proc?.kill('SIGTERM');
      proc = null;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
