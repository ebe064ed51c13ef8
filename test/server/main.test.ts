import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolInstall } from '../../e2e/support/enrolled-install';
import { DEV_INGEST_TOKEN } from '../../lib/schema/config';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { makeTempDir, removeDir } from './harness';

/** Runs `server/main.ts` as `npm run server` does (via tsx), in a clean env. */
function startServer(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, WEBTRACE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b));
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Generous: tsx compiles the server at each start, which takes seconds on a loaded 2-core machine.
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const match = pattern.exec(stdout);
      if (match) return match;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${pattern} in output:\n${stdout}\n${stderr}`);
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

/** The framed banner's token line: `|   <token>   |`. */
const TOKEN_LINE = /^\| {3}([A-Za-z0-9_-]{43}) +\|$/m;

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('server/main.ts', { timeout: 150_000 }, () => {
  it('prints the URL and, framed, the read token it keeps in the data dir; serves, and exits 0 on SIGTERM', async () => {
    const server = startServer(['--port', '0', '--data', dir]);
    try {
      const [, url] = await server.waitFor(/^webtrace server listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
      const [, readToken] = await server.waitFor(TOKEN_LINE);
      expect(server.output().stdout).toContain('Read token (new, kept for the next starts):');
      expect(server.output().stdout).toContain(`Kept in ${join(dir, 'read-token')} (only you can read it).`);
      expect((await readFile(join(dir, 'read-token'), 'utf8')).trim()).toBe(readToken);
      expect(server.output().stdout).toMatch(/accepting only the public dev token/);

      // The defaults: the organisation token alone is refused; an enrolled install with a consent grant is served.
      const batch = makeBatch([makeChunk({ sessionId: newSessionId() })]);
      const bare = await fetch(`${url}/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEV_INGEST_TOKEN}`, 'content-encoding': 'gzip', 'content-type': 'application/json' },
        body: gzipSync(JSON.stringify(batch)),
      });
      expect(bare.status).toBe(401);
      expect(await bare.json()).toMatchObject({ error: 'install_credential_required' });
      const install = await enrolInstall({ url: url!, ingestToken: DEV_INGEST_TOKEN }, { installId: batch.installId });
      const post = await fetch(`${url}/v1/batches`, {
        method: 'POST',
        headers: { ...install.headers, 'content-encoding': 'gzip', 'content-type': 'application/json' },
        body: gzipSync(JSON.stringify(batch)),
      });
      expect(post.status).toBe(200);
      const list = await fetch(`${url}/v1/sessions`, { headers: { authorization: `Bearer ${readToken}` } });
      expect((await list.json()).sessions).toHaveLength(1);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('prints the same read token after a restart', async () => {
    const first = startServer(['--port', '0', '--data', dir]);
    const [, token] = await first.waitFor(TOKEN_LINE);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const again = startServer(['--port', '0', '--data', dir]);
    try {
      expect((await again.waitFor(TOKEN_LINE))[1]).toBe(token);
      expect(again.output().stdout).toContain('Read token (the same as last time):');
    } finally {
      again.child.kill('SIGTERM');
    }
    expect(await again.exited).toBe(0);
  });

  it('exits 0 on a doubled SIGINT (Ctrl+C under npm start) after closing gracefully', async () => {
    const server = startServer(['--port', '0', '--data', dir, '--read-tokens', 'read-token-for-the-test-123']);
    await server.waitFor(/listening on/);
    // A configured read token wins: none is made or printed.
    expect(server.output().stdout).not.toMatch(/Read token/);
    expect(existsSync(join(dir, 'read-token'))).toBe(false);
    server.child.kill('SIGINT');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('refuses a non-loopback host with only the dev token: exit 2 and a clear message', async () => {
    const server = startServer(['--port', '0', '--data', dir, '--host', '0.0.0.0']);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/refusing to listen on 0\.0\.0\.0 .*WEBTRACE_INGEST_TOKENS/);
    expect(server.output().stdout).not.toMatch(/listening/);
  });

  it('refuses the dev token on 0.0.0.0 even when it is configured explicitly', async () => {
    const server = startServer([
      '--port',
      '0',
      '--data',
      dir,
      '--host',
      '0.0.0.0',
      '--ingest-tokens',
      `some-real-ingest-token-123,${DEV_INGEST_TOKEN}`,
    ]);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/refusing to listen on 0\.0\.0\.0 with the public dev ingest token/);
    expect(server.output().stdout).not.toMatch(/listening/);
  });

  it('exits 2 on an invalid setting', async () => {
    const server = startServer(['--port', 'eighty', '--data', dir]);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/--port \/ WEBTRACE_PORT/);
  });
});
