import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConfigSource } from '../../lib/platform/config-source';
import { createConsentOutboxStore } from '../../lib/platform/consent-outbox-store';
import { createErasureConfirmationStore } from '../../lib/platform/erasure-confirmation-store';
import { createPolicySource } from '../../lib/platform/policy-source';
import { createPseudonym } from '../../lib/platform/pseudonym';
import { loadState } from '../../lib/platform/state-store';
import { consentReceiptSchema, type ConsentReceipt } from '../../lib/schema/consent-receipt';
import { LOCAL_CONFIG_KEY } from '../../lib/schema/storage-keys';
import { createConsentLifecycle } from '../../lib/worker/consent-lifecycle';
import { freshDb } from '../queue/fixtures';

export const START = 1_700_000_000_000;
export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

export interface Seen {
  url: string;
  headers: Headers;
  receipt: ConsentReceipt | null;
}
type Respond = (req: Seen, index: number) => Response | Promise<Response>;

/** A fake server: receipts parsed with the server's schema; everything else passed to `respond` too. */
export function receiptServer(respond: Respond) {
  const requests: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const receipt = url.endsWith('/v1/consent-receipts') ? consentReceiptSchema.parse(JSON.parse(String(init?.body))) : null;
    const req = { url, headers: new Headers(init?.headers), receipt };
    requests.push(req);
    return respond(req, requests.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, requests, receipts: () => requests.flatMap((r) => (r.receipt ? [r.receipt] : [])) };
}

export const ack = (req: Seen) => json(200, { receiptId: req.receipt!.receiptId, created: true, storedAt: START });

export async function setupLifecycle(respond: Respond) {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: { endpoint: 'https://ingest.example.test/' } });
  const local = fakeBrowser.storage.local;
  const policy = createPolicySource({
    readManaged: () => fakeBrowser.storage.managed.get(null) as Promise<Record<string, unknown>>,
    session: fakeBrowser.storage.session,
    confirmEmptyAfterMs: 0,
  });
  const config = createConfigSource(local, policy);
  const server = receiptServer(respond);
  const clock = { now: START };
  const db = await freshDb();
  const pseudonym = createPseudonym(local, () => crypto.randomUUID());
  const log = vi.fn();
  const endRecordings = vi.fn(async () => {});
  const lifecycle = createConsentLifecycle({
    db: async () => db,
    loadConfig: () => config.load(),
    loadState: () => loadState(local),
    pseudonym,
    outbox: createConsentOutboxStore(local, () => clock.now),
    erasureConfirmation: createErasureConfirmationStore(local),
    readPolicy: () => fakeBrowser.storage.managed.get(null) as Promise<Record<string, unknown>>,
    extensionVersion: '0.9.0',
    fetch: server.fetch,
    now: () => clock.now,
    random: () => 0.5,
    log,
    endRecordings,
  });
  const outbox = () => createConsentOutboxStore(local, () => clock.now).load();
  return { server, clock, db, pseudonym, lifecycle, outbox, log, config, endRecordings };
}
