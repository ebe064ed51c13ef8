import type { ConsentOutboxStore, LoadedOutbox } from '../platform/consent-outbox-store';
import { sha256Hex } from '../platform/sha256';
import type { LoadedState } from '../platform/state-store';
import type { LoadedConfig } from '../rules/config/load-config';
import { canonicalJson } from '../rules/consent/canonical-json';
import { canonicalConsentText } from '../rules/consent/consent-text';
import { buildConsentReceipt } from '../rules/consent/build-receipt';
import type { ConsentReceipt } from '../schema/consent-receipt';
import { backoffDelayMs } from '../upload/backoff';
import { sendConsentReceipt } from '../upload/send-consent-receipt';

/**
 * Consent receipts (issue 16): one for every grant and withdrawal, kept in an outbox in
 * storage.local and delivered like batches: resent under the same receiptId until the server's
 * ack parses, only then removed; backed off on network errors and 5xx; a 4xx other than 410 is
 * set aside with its message (My data shows it); a 410 means the install was erased there.
 */
export interface ConsentReceiptDeps {
  outbox: ConsentOutboxStore;
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  installId: () => Promise<string>;
  erasureSecret: () => Promise<string>;
  /** The managed policy's raw values ({} when none is set). */
  readPolicy: () => Promise<Record<string, unknown>>;
  extensionVersion: string;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  newId: () => string;
  /** The server answered 410 for a receipt: it erased the install (when, if it said). */
  onErased: (erasedAt: number) => Promise<void>;
  log: (message: string, detail?: unknown) => void;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export function createConsentReceipts(deps: ConsentReceiptDeps) {
  // Every read-change-write of the outbox goes through one queue; the network is outside it.
  let tail: Promise<unknown> = Promise.resolve();
  const mutate = <T>(fn: (outbox: LoadedOutbox) => Promise<T> | T): Promise<T> => {
    const run = tail.then(async () => {
      const outbox = await deps.outbox.load();
      const result = await fn(outbox);
      await deps.outbox.save(outbox);
      return result;
    });
    tail = run.catch(() => {});
    return run;
  };

  const build = async (kind: ConsentReceipt['kind'], outbox: LoadedOutbox): Promise<ConsentReceipt> => {
    const [{ config }, loaded, installId, secret, policy] = await Promise.all([
      deps.loadConfig(),
      deps.loadState(),
      deps.installId(),
      deps.erasureSecret(),
      deps.readPolicy().catch(() => ({})),
    ]);
    // The secret's hash rides on this install's receipts until one carrying it was acknowledged.
    const registered = outbox.secretRegisteredFor === installId;
    return buildConsentReceipt({
      kind,
      receiptId: deps.newId(),
      installId,
      config,
      state: loaded.state ?? { sites: {} },
      consentTextSha256: await sha256Hex(canonicalConsentText(config)),
      policyHash: Object.keys(policy).length === 0 ? null : await sha256Hex(canonicalJson(policy)),
      extensionVersion: deps.extensionVersion,
      at: deps.now(),
      ...(registered ? {} : { erasureSecretSha256: await sha256Hex(secret) }),
    });
  };

  let running: Promise<void> | null = null;
  let again = false;
  // "Upload now" skips the backoff wait once, as it does for batches (the server may need a receipt first).
  let skipWait = false;
  const deliverOnce = async (): Promise<void> => {
    const outbox = await mutate((o) => o);
    const skip = skipWait;
    skipWait = false;
    if (outbox.pending.length === 0 || (!skip && deps.now() < outbox.notBefore)) return;
    const { config } = await deps.loadConfig();
    for (const receipt of outbox.pending) {
      const outcome = await sendConsentReceipt({
        fetch: deps.fetch,
        endpoint: config.endpoint,
        ingestToken: config.ingestToken,
        receipt,
        timeoutSignal: deps.timeoutSignal,
      });
      if (outcome.kind === 'retryable') {
        deps.log('consent receipt not delivered', outcome.message);
        await mutate((o) => {
          o.attempt += 1;
          o.notBefore = deps.now() + backoffDelayMs(o.attempt, deps.random);
        });
        return;
      }
      await mutate((o) => {
        o.pending = o.pending.filter((r) => r.receiptId !== receipt.receiptId);
        o.attempt = 0;
        o.notBefore = 0;
        if (outcome.kind === 'ok' && receipt.erasureSecretSha256) o.secretRegisteredFor = receipt.installId;
        if (outcome.kind === 'refused') {
          const { receiptId, kind } = receipt;
          o.setAside.push({ receiptId, kind, reason: outcome.message, status: outcome.status, at: deps.now() });
        }
      });
      if (outcome.kind === 'erased') await deps.onErased(outcome.erasedAt ?? deps.now());
    }
  };

  /** Sends what is pending; a call while a delivery runs makes it go round once more. */
  const deliver = (opts: { skipWait?: boolean } = {}): Promise<void> => {
    if (opts.skipWait) skipWait = true;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await deliverOnce().catch((err) => deps.log('consent receipt delivery failed', err));
      } while (again);
    })().finally(() => (running = null));
    return running;
  };

  return {
    /** Builds and queues a receipt for a grant or withdrawal just saved, then delivers it. */
    async record(kind: ConsentReceipt['kind']): Promise<ConsentReceipt> {
      const receipt = await mutate(async (o) => {
        const r = await build(kind, o);
        o.pending.push(r);
        return r;
      });
      void deliver();
      return receipt;
    },
    deliver,
    /** Receipts the server refused, for My data. */
    setAside: async () => (await mutate((o) => o)).setAside,
    /** The person erased this install's uploads: its receipts not yet sent are moot (the server would answer 410). */
    dropPendingOf: (installId: string) =>
      mutate((o) => {
        o.pending = o.pending.filter((r) => r.installId !== installId);
      }),
  };
}
export type ConsentReceipts = ReturnType<typeof createConsentReceipts>;
