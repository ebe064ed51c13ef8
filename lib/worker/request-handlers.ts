import { deleteSession, deleteSessions, getQueueStats, listLocalSessions, listSetAside, type QueueDb } from '../queue';
import { shotsOnPage } from '../rules/screenshots/shots-on-page';
import type { LoadedState } from '../platform/state-store';
import type { LoadedConfig } from '../rules/config/load-config';
import { giveConsent, pause, resume, setSite, withdrawConsent } from '../rules/state/state-changes';
import { STORAGE_REASONS } from '../rules/storage/storage-budget';
import type { EmployeeState } from '../schema/employee-state';
import type { StoredErasureConfirmation, SetAsideReceipt } from '../schema/consent-outbox';
import type { ConsentReceipt } from '../schema/consent-receipt';
import type { ErasureAnswer, ExtensionAnswers, ExtensionRequest, Result, UploadsAnswer } from '../schema/extension-messages';
import type { CaptureGate } from './capture-gate';

/** Answers the extension pages' requests; every change of the person's choices is applied at once. */
export interface RequestDeps {
  db: () => Promise<QueueDb>;
  gate: Pick<CaptureGate, 'decide' | 'apply'>;
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  saveState: (s: EmployeeState) => Promise<void>;
  /** Runs an upload now, skipping any backoff wait once. */
  uploadNow: () => Promise<Result>;
  now: () => number;
  /** Consent receipts and erasure (issue 16; lib/worker/consent-receipts.ts, erase-uploads.ts). */
  lifecycle?: ConsentLifecycle;
}

export interface ConsentLifecycle {
  recordReceipt: (kind: ConsentReceipt['kind']) => Promise<unknown>;
  receiptsRefused: () => Promise<SetAsideReceipt[]>;
  lastErasure: () => Promise<StoredErasureConfirmation | null>;
  eraseUploads: () => Promise<ErasureAnswer>;
  listUploads: () => Promise<UploadsAnswer>;
}

/** One handler per request kind, each typed by its request and its answer. */
export type RequestHandlers = {
  [K in ExtensionRequest['kind']]: (request: Extract<ExtensionRequest, { kind: K }>) => Promise<ExtensionAnswers[K]>;
};

export function answerRequest(handlers: RequestHandlers, request: ExtensionRequest): Promise<ExtensionAnswers[ExtensionRequest['kind']]> {
  return (handlers[request.kind] as (r: ExtensionRequest) => Promise<ExtensionAnswers[ExtensionRequest['kind']]>)(request);
}

export function createRequestHandlers(deps: RequestDeps): RequestHandlers {
  const change = async (fn: (s: EmployeeState) => EmployeeState, detail: string): Promise<Result> => {
    const loaded = await deps.loadState();
    // Damaged settings are replaced by the person's next choice, starting from nothing.
    const base = loaded.state ?? { consent: null, sites: {}, pause: null };
    await deps.saveState(fn(base));
    await deps.gate.apply();
    return { ok: true, detail };
  };
  const config = async () => (await deps.loadConfig()).config;

  return {
    async 'get-status'(request) {
      const [loaded, state, db] = await Promise.all([deps.loadConfig(), deps.loadState(), deps.db()]);
      const { config } = loaded;
      const queue = await getQueueStats(db, config.localCapBytes);
      let decision = request.url ? await deps.gate.decide(request.url) : null;
      // New pages wait while local storage is full (lib/rules/storage/storage-budget.ts): say so, and why.
      if (decision?.allowed && queue.storageFull)
        decision = { allowed: false, status: 'paused', site: decision.site, reason: STORAGE_REASONS.full };
      return {
        capture: decision
          ? {
              status: decision.status,
              reason: decision.allowed ? null : decision.reason,
              site: decision.site,
              screenshots: request.url !== null && shotsOnPage(config, request.url),
            }
          : { status: 'not-allowed', reason: 'this tab is not a web page', site: null },
        consent: {
          required: config.consentVersion,
          given: state.state?.consent ?? null,
          withdrawnAt: state.state?.withdrawnAt ?? null,
          notice: config.organizationNotice,
          purpose: config.purposeStatement,
        },
        allowed: { siteChoice: config.employeesMayChangeSites, pause: config.pauseAllowed },
        pause: state.state?.pause ?? null,
        stateError: state.error,
        config: {
          source: loaded.source,
          error: loaded.error,
          blocked: loaded.blocked,
          endpoint: config.endpoint,
          policyIssues: loaded.policyIssues,
        },
        queue,
      };
    },
    async 'give-consent'(request) {
      if (request.version < (await config()).consentVersion)
        return { ok: false, detail: 'that consent text is out of date; reload the page' };
      const result = await change((s) => giveConsent(s, request.version, deps.now()), 'consent recorded');
      await deps.lifecycle?.recordReceipt('grant');
      return result;
    },
    async 'withdraw-consent'() {
      const consented = (await deps.loadState()).state?.consent != null;
      const result = await change((s) => withdrawConsent(s, deps.now()), 'consent withdrawn; nothing is recorded');
      // Recording has already stopped; the receipt tells the server so.
      if (consented) await deps.lifecycle?.recordReceipt('withdraw');
      return result;
    },
    async 'set-site'(request) {
      if (!(await config()).employeesMayChangeSites) return { ok: false, detail: 'your organisation decides which sites are recorded' };
      const decision = await deps.gate.decide(`${request.origin}/`);
      if (request.on && (decision.status === 'not-allowed' || decision.status === 'not-consented' || decision.status === 'unavailable')) {
        return { ok: false, detail: decision.allowed ? '' : decision.reason };
      }
      return change(
        (s) => setSite(s, request.origin, request.on),
        request.on ? 'recording on for this site' : 'recording off for this site',
      );
    },
    async pause(request) {
      if (!(await config()).pauseAllowed) return { ok: false, detail: 'your organisation does not allow pausing' };
      return change((s) => pause(s, request.minutes, deps.now()), 'paused');
    },
    resume: () => change(resume, 'resumed'),
    'upload-now': () => deps.uploadNow(),
    async 'list-local-sessions'() {
      const db = await deps.db();
      const [sessions, queue, aside] = await Promise.all([
        listLocalSessions(db),
        getQueueStats(db, (await config()).localCapBytes),
        listSetAside(db),
      ]);
      const [receiptsRefused, lastErasure] = await Promise.all([
        deps.lifecycle?.receiptsRefused() ?? [],
        deps.lifecycle?.lastErasure() ?? null,
      ]);
      return {
        sessions,
        queue,
        rejected: aside.map((a) => ({ id: a.id, reason: a.reason, at: a.at, chunks: a.chunkKeys.length })),
        receiptsRefused,
        lastErasure,
      };
    },
    async 'delete-local-session'(request) {
      const { deleted } = await deleteSession(await deps.db(), request.sessionId);
      return { ok: true, detail: `deleted ${deleted} chunks` };
    },
    async 'delete-all-local'() {
      const { deleted } = await deleteSessions(await deps.db());
      return { ok: true, detail: `deleted ${deleted} chunks` };
    },
    async 'get-settings'() {
      const loaded = await deps.loadConfig();
      // The ingest token is a credential: the page shows that one is set, not what it is.
      return {
        source: loaded.source,
        blocked: loaded.blocked,
        error: loaded.error,
        policyIssues: loaded.policyIssues,
        config: { ...loaded.config, ingestToken: '(set)' },
      };
    },
    'erase-uploads': async () =>
      deps.lifecycle ? deps.lifecycle.eraseUploads() : { ok: false, detail: 'deleting uploads is not available', confirmation: null },
    async 'list-uploads'() {
      if (deps.lifecycle) return deps.lifecycle.listUploads();
      throw new Error('listing uploads is not available');
    },
  };
}
