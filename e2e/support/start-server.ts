import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnServer } from './server-process';

/** The real ingestion server, as its own process, on an ephemeral port of 127.0.0.1. */
export interface RunningServer {
  url: string;
  dataDir: string;
  ingestToken: string;
  readToken: string;
  read<T>(pathname: string): Promise<T>;
  stop(): Promise<void>;
}

/** `env`: more server settings (the lifecycle tests pass admin tokens and WEBTRACE_REQUIRE_CONSENT_RECEIPT). */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-data-'));
  const ingestToken = `ingest-${crypto.randomUUID()}`;
  const readToken = `read-${crypto.randomUUID()}`;
  const { url, kill } = await spawnServer({ dataDir, ingestToken, readToken, env: opts.env });
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
      await kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
