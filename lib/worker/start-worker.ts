import { matchesAny } from '../config/match-pattern';
import { createPolicySource } from '../policy/policy-source';
import { appendChunk, deleteSession, expireChunks, incrementCounter, listLocalSessions, openQueueDb, pendingBytes, pruneReportedDrops, recordDrops, type QueueDb } from '../queue';
import { DROP_REASONS } from '../schema/dropped-chunks';
import { extensionRequestSchema } from '../schema/extension-messages';
import { RECORDER_PORT_NAME, RECORDER_STASH_PREFIX } from '../schema/recorder-port';
import type { Chunk } from '../schema/chunk';
import type { SeqRange } from '../schema/dropped-chunks';
import { loadState, saveState } from '../state/state-store';
import { createUploadScheduler, uploadPending, type UploadRunReport } from '../upload';
import { showRecording } from './badge';
import { createCaptureGate } from './capture-gate';
import { createConfigSource } from './config-source';
import { handleRequest } from './handle-request';
import { getInstallId } from './install-id';
import { connectRecorder, queueLevel } from './connect-recorder';
import { recoverStash } from './recover-stash';
import { createRecorderRegistry } from './recorder-ports';
import { createSerializer } from './serialize';
import { createTabSessionStore } from './tab-session-store';
import { createUploadStateStore } from './upload-state-store';

/** The extension API as the entrypoint hands it over (webextension-polyfill at runtime). */
type Browser = typeof chrome;

export const UPLOAD_ALARM = 'webtrace/upload';
export const PAUSE_END_ALARM = 'webtrace/pause-end';

/**
 * The service worker: recorders' ports in, IndexedDB queue, uploads out, and
 * the person's choices applied. Listeners are registered synchronously (MV3
 * wakes the worker for them); storage is opened lazily.
 */
export function startWorker(browser: Browser) {
  const log = (message: string, detail?: unknown) => console.warn(`[webtrace] ${message}`, detail ?? '');
  const policy = createPolicySource({
    readManaged: () => browser.storage.managed.get(null) as Promise<Record<string, unknown>>,
    session: browser.storage.session,
  });
  const config = createConfigSource(browser.storage.local, policy);
  const tabs = createTabSessionStore(browser.storage.session);
  const uploadState = createUploadStateStore(browser.storage.local);
  const recorders = createRecorderRegistry();
  const serial = createSerializer();
  let dbPromise: Promise<QueueDb> | null = null;
  const db = () => {
    dbPromise ??= openQueueDb().then((d) => {
      // A database closed under us (storage cleared) is reopened on next use.
      d.addEventListener('close', () => (dbPromise = null));
      return d;
    });
    return dbPromise;
  };
  const installId = getInstallId(browser.storage.local, () => crypto.randomUUID());
  let lastReport: UploadRunReport | null = null;

  const discardBlocked = async (isBlocked: (site: string) => boolean) => {
    const d = await db();
    const blocked = (await listLocalSessions(d)).filter((s) => isBlocked(s.site));
    for (const s of blocked) await deleteSession(d, s.sessionId);
    return blocked.length;
  };

  const gate = createCaptureGate({
    loadConfig: () => config.load(),
    loadState: () => loadState(browser.storage.local),
    now: Date.now,
    scripting: {
      getRegisteredContentScripts: (filter) => browser.scripting.getRegisteredContentScripts(filter),
      registerContentScripts: (scripts) => browser.scripting.registerContentScripts(scripts),
      // Only the matches change; chrome's type wants js or css on every entry.
      updateContentScripts: (scripts) => browser.scripting.updateContentScripts(scripts as chrome.scripting.RegisteredContentScript[]),
      unregisterContentScripts: (filter) => browser.scripting.unregisterContentScripts(filter),
      executeScript: (injection) => browser.scripting.executeScript(injection),
    },
    tabs: browser.tabs,
    action: browser.action,
    recorders,
    discardBlocked: (isBlocked) => discardBlocked(isBlocked),
    setUploadInterval: async (seconds) => {
      const existing = await browser.alarms.get(UPLOAD_ALARM);
      if (existing?.periodInMinutes !== seconds / 60) await browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: seconds / 60 });
    },
    schedulePauseEnd: async (at) => {
      if (at === null) await browser.alarms.clear(PAUSE_END_ALARM);
      else await browser.alarms.create(PAUSE_END_ALARM, { when: at });
    },
    log,
  });
  const applyChoices = () => gate.apply().catch((err) => log('applying choices failed', err));

  const scheduler = createUploadScheduler({
    run: async () => {
      const loaded = await config.load();
      // An unusable policy: nowhere trustworthy to send to. Data waits.
      if (loaded.blocked) return { status: 'backingOff', batchesUploaded: 0, chunksUploaded: 0, chunksSetAside: 0, requests: 0, dropsReported: 0, notBefore: 0 };
      const { blockedSites } = loaded.config;
      // A chunk that slipped in while a site was being blocked must still never leave.
      if (blockedSites.length) await discardBlocked((site) => matchesAny(`${site}/`, blockedSites));
      const cutoff = Date.now() - loaded.config.retentionDays * 86_400_000;
      const expired = await expireChunks(await db(), cutoff);
      if (expired) log(`deleted ${expired} chunks older than ${loaded.config.retentionDays} days without uploading them`);
      await pruneReportedDrops(await db(), cutoff);
      return uploadPending({
        db: await db(),
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        random: Math.random,
        config: loaded.config,
        installId: await installId,
        extensionVersion: browser.runtime.getManifest().version,
        state: uploadState,
      });
    },
    uploadConfig: () => config.current().config.upload,
    onReport: (report) => (lastReport = report),
    onError: (err) => log('upload run failed', err),
    now: Date.now,
  });

  const append = async (chunk: Chunk, dropped: readonly SeqRange[]) => {
    const result = await appendChunk(await db(), chunk, Date.now(), dropped);
    scheduler.notifyQueued(result.pendingBytes);
  };
  const level = async () => queueLevel(await pendingBytes(await db()), (await config.load()).config.localCapBytes);
  // What recorders left behind as their page went (lib/worker/recover-stash.ts), one collection at a time.
  const stashSerial = createSerializer();
  const collectStash = () =>
    stashSerial(() =>
      recoverStash({
        area: browser.storage.local as unknown as Parameters<typeof recoverStash>[0]['area'],
        allowed: async (url) => (await gate.decide(url)).allowed,
        storageOver: async () => (await level()) === 'over',
        append,
        drop: async (page, seqs, dropped) => {
          const entries = [{ ranges: seqs, reason: DROP_REASONS.storageFull }, { ranges: dropped, reason: DROP_REASONS.recorderOverflow }];
          await recordDrops(await db(), page, entries, Date.now());
        },
        log,
      }),
    ).catch((err) => log('collecting recorder stash failed', err));
  void collectStash();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(RECORDER_STASH_PREFIX) && changes[k]?.newValue !== undefined)) {
      void collectStash();
    }
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== RECORDER_PORT_NAME) return;
    connectRecorder(port, {
      ownId: browser.runtime.id,
      gate,
      recorders,
      tabs,
      sessionIdleMs: () => config.current().config.sessionIdleMs,
      serial,
      append,
      refuse: async (key, dropped) => {
        const entries = [
          { ranges: [{ fromSeq: key.seq, toSeq: null }], reason: DROP_REASONS.storageFull },
          { ranges: dropped, reason: DROP_REASONS.recorderOverflow },
        ];
        const added = await recordDrops(await db(), key, entries, Date.now());
        log(`storage full: stopped recording a page and counted ${added} dropped chunks`);
      },
      countInvalid: (reason) => {
        log(`invalid recorder message: ${reason}`);
        void db().then((d) => incrementCounter(d, 'chunksRejectedInvalid'));
      },
      showRecording: (tabId, on) => showRecording(browser.action, tabId, on),
      queueLevel: async () => queueLevel(await pendingBytes(await db()), config.current().config.localCapBytes),
      log,
    });
  });

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPLOAD_ALARM) void scheduler.trigger();
    if (alarm.name === PAUSE_END_ALARM) void applyChoices();
  });
  void browser.alarms.get(UPLOAD_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: 0.5 });
  });
  // The organisation changed its policy: re-read it and apply at once (a newly blocked site stops).
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    policy.invalidate();
    void applyChoices().then(async () => {
      // A raised consent version asks again at once.
      const [{ config: inForce }, { state }] = await Promise.all([config.load(), loadState(browser.storage.local)]);
      if (state?.consent && state.consent.version < inForce.consentVersion) {
        await browser.tabs.create({ url: browser.runtime.getURL('/consent.html') });
      }
    });
  });

  browser.runtime.onInstalled.addListener(async (details) => {
    await applyChoices();
    const { state } = await loadState(browser.storage.local);
    // Ask first: on install, and whenever the consent text changed since the person agreed.
    const { config: inForce } = await config.load();
    if (details.reason === 'install' || (state?.consent && state.consent.version < inForce.consentVersion)) {
      await browser.tabs.create({ url: browser.runtime.getURL('/consent.html') });
    }
  });
  browser.runtime.onStartup.addListener(() => void applyChoices());
  // Whatever is queued (from before the worker stopped, or the browser closed) goes out as soon as the
  // worker runs, not at the next alarm; a backoff in force still applies.
  void scheduler.trigger();
  browser.storage.onChanged.addListener((_changes, area) => {
    // The configuration (which sites the organisation allows) changed: re-apply.
    if (area === 'local' && _changes['webtrace:config']) void applyChoices();
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    // Only the extension's own pages may ask; content scripts talk over their port.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return false;
    const parsed = extensionRequestSchema.safeParse(raw);
    const reply = parsed.success
      ? handleRequest(
          {
            db,
            gate,
            loadConfig: () => config.load(),
            loadState: () => loadState(browser.storage.local),
            saveState: (s) => serial(() => saveState(browser.storage.local, s)),
            uploadNow: async () => {
              const state = await uploadState.get();
              await uploadState.set({ ...state, notBefore: 0 });
              await scheduler.trigger();
              const report = lastReport;
              return report
                ? { ok: report.status === 'drained' || report.status === 'budgetExhausted', detail: `upload ${report.status}` }
                : { ok: false, detail: 'upload did not run' };
            },
            now: Date.now,
          },
          parsed.data,
        )
      : Promise.resolve({ ok: false, detail: `invalid request: ${parsed.error.message}` });
    // sendResponse rather than a returned promise: not every Chromium honours the latter.
    reply.then(sendResponse, (err) => sendResponse({ ok: false, detail: String(err) }));
    return true;
  });
}
