import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { buildApp, type AppOptions } from '../../server/app';

/** Helpers shared by the server tests: temp data dirs, an app per test, uploads. */
export const INGEST_TOKEN = 'test-ingest-token-0123456789';
export const READ_TOKEN = 'test-read-token-abcdefghijkl';

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'webtrace-server-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function makeApp(dataDir: string, overrides: Partial<AppOptions> = {}): FastifyInstance {
  return buildApp({ dataDir, ingestTokens: [INGEST_TOKEN], readTokens: [READ_TOKEN], logger: false, ...overrides });
}

export interface PostOptions {
  token?: string | null;
  /** Send the JSON uncompressed. */
  identity?: boolean;
  headers?: Record<string, string>;
}

/** POST /v1/batches with a gzip JSON body (or raw bytes as given). */
export function postBatch(app: FastifyInstance, body: unknown, opts: PostOptions = {}): Promise<LightMyRequestResponse> {
  const token = opts.token === undefined ? INGEST_TOKEN : opts.token;
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return app.inject({
    method: 'POST',
    url: '/v1/batches',
    headers: {
      'content-type': 'application/json',
      ...(opts.identity ? {} : { 'content-encoding': 'gzip' }),
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...opts.headers,
    },
    payload: opts.identity || Buffer.isBuffer(body) ? raw : gzipSync(raw),
  });
}

export function getJson(app: FastifyInstance, url: string, token: string | null = READ_TOKEN): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

/** Every file under dir, relative, sorted (to check layout and leftover temp files). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A fresh data directory and app for every test of the calling file, closed and removed afterwards. */
export function useTempApp(): { readonly app: FastifyInstance; readonly dir: string } {
  const current = {} as { app: FastifyInstance; dir: string };
  beforeEach(async () => {
    current.dir = await makeTempDir();
    current.app = makeApp(current.dir);
  });
  afterEach(async () => {
    await current.app.close();
    await removeDir(current.dir);
  });
  return current;
}
