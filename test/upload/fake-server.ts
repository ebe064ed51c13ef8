import { gunzipSync } from 'node:zlib';
import { batchSchema, type Batch } from '../../lib/schema/batch';
import { DEFAULT_CONFIG } from '../../lib/rules/config/default-config';
import type { Config } from '../../lib/schema/config';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import type { UploadDeps } from '../../lib/upload/upload-run';
import { createMemoryUploadStateStore } from '../../lib/upload/upload-state';

export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array;
  /** The gunzipped body, parsed with batchSchema as the server would. */
  batch: Batch;
  signal: AbortSignal | null;
}

type Respond = (req: SeenRequest, index: number) => Response | Promise<Response>;

/** A fetch that records every request (gunzipped with node:zlib, not our code) and answers via `respond`. */
export function fakeServer(respond: Respond) {
  const requests: SeenRequest[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body as Uint8Array;
    const batch = batchSchema.parse(JSON.parse(gunzipSync(body).toString('utf8')));
    const req: SeenRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body,
      batch,
      signal: init?.signal ?? null,
    };
    requests.push(req);
    return respond(req, requests.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export const accept = (req: SeenRequest) =>
  jsonResponse(200, { batchId: req.batch.batchId, stored: req.batch.chunks.length, duplicates: 0 });

export const seqs = (req: SeenRequest) => req.batch.chunks.map((c) => c.seq);

export const START = 1_700_000_000_000;
export const INSTALL_ID = '33333333-3333-4333-8333-333333333333';
export const TEST_CONFIG: Config = {
  ...DEFAULT_CONFIG,
  endpoint: 'https://ingest.example.test/',
  ingestToken: 'secret-token-123',
  orgId: 'org-1',
};

/** Upload deps with a settable clock; override anything per test. */
export function makeDeps(db: QueueDb, fetch: typeof globalThis.fetch, overrides: Partial<UploadDeps> = {}) {
  const clock = { now: START };
  const state = createMemoryUploadStateStore();
  const deps: UploadDeps = {
    db,
    fetch,
    now: () => clock.now,
    random: () => 0.5,
    config: TEST_CONFIG,
    installId: INSTALL_ID,
    extensionVersion: '0.1.0',
    state,
    ...overrides,
  };
  return { deps, clock, state };
}
