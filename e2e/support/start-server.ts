import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The real ingestion server, as its own process, on an ephemeral port of 127.0.0.1. */
export interface RunningServer {
  url: string;
  dataDir: string;
  ingestToken: string;
  readToken: string;
  read<T>(pathname: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-data-'));
  const ingestToken = `ingest-${crypto.randomUUID()}`;
  const readToken = `read-${crypto.randomUUID()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    {
      env: { ...process.env, WEBTRACE_INGEST_TOKENS: ingestToken, WEBTRACE_READ_TOKENS: readToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (buf: Buffer) => {
      output += buf.toString();
      const m = /webtrace server listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    dataDir,
    ingestToken,
    readToken,
    async read<T>(pathname: string) {
      const res = await fetch(`${url}${pathname}`, { headers: { Authorization: `Bearer ${readToken}` } });
      if (!res.ok) throw new Error(`GET ${pathname} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
