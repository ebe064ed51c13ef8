import type { LoadedConfig } from '../config/load-config';
import {
  deleteSession,
  getQueueStats,
  listLocalSessions,
  listSetAside,
  type QueueDb,
} from '../queue';
import type { EmployeeState } from '../schema/employee-state';
import type { ExtensionRequest, LocalSessionsAnswer, Result, SettingsAnswer, Status } from '../schema/extension-messages';
import type { LoadedState } from '../state/state-store';
import { giveConsent, pause, resume, setSite, withdrawConsent } from '../state/state-changes';
import type { CaptureGate } from './capture-gate';

const STORAGE_FULL = 'storage for recordings on this computer is full; new recordings start once they are uploaded';

/** Answers the extension pages' requests; every change of the person's choices is applied at once. */
export interface RequestDeps {
  db: () => Promise<QueueDb>;
  gate: CaptureGate;
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  saveState: (s: EmployeeState) => Promise<void>;
  /** Runs an upload now, skipping any backoff wait once. */
  uploadNow: () => Promise<Result>;
  now: () => number;
}

export async function handleRequest(deps: RequestDeps, request: ExtensionRequest): Promise<Status | Result | LocalSessionsAnswer | SettingsAnswer> {
  const change = async (fn: (s: EmployeeState) => EmployeeState, detail: string): Promise<Result> => {
    const loaded = await deps.loadState();
    // Damaged settings are replaced by the person's next choice, starting from nothing.
    const base = loaded.state ?? { consent: null, sites: {}, pause: null };
    await deps.saveState(fn(base));
    await deps.gate.apply();
    return { ok: true, detail };
  };

  switch (request.kind) {
    case 'get-status': {
      const [config, state, db] = await Promise.all([deps.loadConfig(), deps.loadState(), deps.db()]);
      const queue = await getQueueStats(db, config.config.localCapBytes);
      let decision = request.url ? await deps.gate.decide(request.url) : null;
      // New pages wait while local storage is full (lib/worker/connect-recorder.ts): say so, and why.
      if (decision?.allowed && queue.storageFull) decision = { allowed: false, status: 'paused', site: decision.site, reason: STORAGE_FULL };
      return {
        capture: decision
          ? { status: decision.status, reason: decision.allowed ? null : decision.reason, site: decision.site }
          : { status: 'not-allowed', reason: 'this tab is not a web page', site: null },
        consent: {
          required: config.config.consentVersion,
          given: state.state?.consent ?? null,
          notice: config.config.organizationNotice,
          purpose: config.config.purposeStatement,
        },
        allowed: { siteChoice: config.config.employeesMayChangeSites, pause: config.config.pauseAllowed },
        pause: state.state?.pause ?? null,
        stateError: state.error,
        config: {
          source: config.source,
          error: config.error,
          blocked: config.blocked,
          endpoint: config.config.endpoint,
          policyIssues: config.policyIssues,
        },
        queue,
      };
    }
    case 'give-consent':
      if (request.version < (await deps.loadConfig()).config.consentVersion) {
        return { ok: false, detail: 'that consent text is out of date; reload the page' };
      }
      return change((s) => giveConsent(s, request.version, deps.now()), 'consent recorded');
    case 'withdraw-consent':
      return change(withdrawConsent, 'consent withdrawn; nothing is recorded');
    case 'set-site': {
      if (!(await deps.loadConfig()).config.employeesMayChangeSites) {
        return { ok: false, detail: 'your organisation decides which sites are recorded' };
      }
      const decision = await deps.gate.decide(`${request.origin}/`);
      if (request.on && (decision.status === 'not-allowed' || decision.status === 'not-consented' || decision.status === 'unavailable')) {
        return { ok: false, detail: decision.allowed ? '' : decision.reason };
      }
      return change((s) => setSite(s, request.origin, request.on), request.on ? 'recording on for this site' : 'recording off for this site');
    }
    case 'pause':
      if (!(await deps.loadConfig()).config.pauseAllowed) return { ok: false, detail: 'your organisation does not allow pausing' };
      return change((s) => pause(s, request.minutes, deps.now()), 'paused');
    case 'resume':
      return change(resume, 'resumed');
    case 'upload-now':
      return deps.uploadNow();
    case 'list-local-sessions': {
      const db = await deps.db();
      const cap = (await deps.loadConfig()).config.localCapBytes;
      const [sessions, queue, aside] = await Promise.all([listLocalSessions(db), getQueueStats(db, cap), listSetAside(db)]);
      return { sessions, queue, rejected: aside.map((a) => ({ id: a.id, reason: a.reason, at: a.at, chunks: a.chunkKeys.length })) };
    }
    case 'delete-local-session': {
      const { deleted } = await deleteSession(await deps.db(), request.sessionId);
      return { ok: true, detail: `deleted ${deleted} chunks` };
    }
    case 'get-settings': {
      const loaded = await deps.loadConfig();
      // The ingest token is a credential: the page shows that one is set, not what it is.
      return {
        source: loaded.source,
        blocked: loaded.blocked,
        error: loaded.error,
        policyIssues: loaded.policyIssues,
        config: { ...loaded.config, ingestToken: '(set)' },
      };
    }
    case 'delete-all-local': {
      const db = await deps.db();
      let deleted = 0;
      for (const s of await listLocalSessions(db)) deleted += (await deleteSession(db, s.sessionId)).deleted;
      return { ok: true, detail: `deleted ${deleted} chunks` };
    }
  }
}
