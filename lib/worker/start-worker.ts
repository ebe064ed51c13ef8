import { browserAdapters } from '../platform/browser-adapters';
import { heldConsentVersion } from '../rules/consent/held-consent-version';
import { deleteSessions } from '../queue';
import { listenToBrowser } from './browser-listeners';
import { createCaptureGate } from './capture-gate';
import { createChunkAdmission } from './chunk-admission';
import { createConsentLifecycle } from './consent-lifecycle';
import { connectRecorder } from './connect-recorder';
import { createDelivery } from './delivery';
import { endRecordings } from './end-recordings';
import { createLifecycle } from './lifecycle';
import { createPageRequestListener } from './page-requests';
import { createQueueHandle } from './queue-handle';
import { createRecorderRegistry } from './recorder-ports';
import { answerRequest, createRequestHandlers } from './request-handlers';
import { createSerializer } from './serialize';
import { createStashCollector } from './stash-collector';
import { startShooter } from './screenshots/start-shooter';
import { browserOpenControls, openControls } from './open-controls';

/**
 * The service worker, wired: recorders' ports and stashes in (chunk-admission.ts), the IndexedDB
 * queue, uploads out (delivery.ts), the person's choices applied (capture-gate.ts), the extension
 * pages answered (request-handlers.ts), life events (lifecycle.ts). No rule lives here.
 */
export function startWorker(browser: typeof chrome) {
  const log = (message: string, detail?: unknown) => console.warn(`[webtrace] ${message}`, detail ?? '');
  const controls = browserOpenControls(browser, log);
  const failed = (what: string) => (err: unknown) => log(`${what} failed`, err);
  const io = browserAdapters(browser);
  const { config, loadState } = io;
  const loadConfig = () => config.load();
  const [recorders, serial, db] = [createRecorderRegistry(), createSerializer(), createQueueHandle()];

  const ending = { recorders, allTabs: io.gate.allTabs, forgetTab: io.tabSessions.forget };
  const consent = createConsentLifecycle({
    ...io.delivery,
    ...io.consentLifecycle,
    db,
    loadConfig,
    loadState,
    log,
    endRecordings: () => endRecordings(ending),
  });
  const consentVersion = async () => heldConsentVersion((await loadState()).state);
  const delivery = createDelivery({ ...io.delivery, db, config, log, consentVersion, sendFirst: consent.deliverReceipts });
  const discardBlocked = async (isBlocked: (site: string) => boolean) =>
    (await deleteSessions(await db(), (s) => isBlocked(s.site))).sessions;
  const gate = createCaptureGate({ ...io.gate, loadConfig, loadState, recorders, discardBlocked, log });
  const applyChoices = () => gate.apply().catch(failed('applying choices'));
  const capBytes = async () => (await loadConfig()).config.localCapBytes;
  const admission = createChunkAdmission({ db, capBytes, now: Date.now, onQueued: delivery.notifyQueued, log });
  const allowed = async (url: string) => (await gate.decide(url)).allowed;
  const collectStash = createStashCollector({ area: io.stashArea, allowed, admission, log });
  const lifecycle = createLifecycle({ ...io, applyChoices, log });
  const saveState = (s: Parameters<typeof io.saveState>[0]) => serial(() => io.saveState(s));
  const handlers = createRequestHandlers({
    db,
    gate,
    loadConfig,
    loadState,
    saveState,
    uploadNow: delivery.uploadNow,
    now: Date.now,
    lifecycle: consent,
  });
  const shooter = startShooter(browser, {
    db,
    recorders,
    config: () => config.current().config,
    identity: async () => ({
      installId: await io.delivery.installId(),
      extensionVersion: io.delivery.extensionVersion,
      consentVersion: await consentVersion(),
    }),
    storageOk: () => admission.roomForShot(),
    log,
  });
  const own = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  const sessionIdleMs = () => config.current().config.sessionIdleMs;
  const recorderDeps = {
    ownId: own.id,
    gate,
    recorders,
    tabs: io.tabSessions,
    serial,
    toolbar: gate.toolbar,
    admission,
    sessionIdleMs,
    onShot: shooter.onMessage,
    onOpenControls: (tabId: number) => void openControls(controls, tabId),
    log,
  };

  listenToBrowser(browser, {
    recorderConnected: (port) => {
      connectRecorder(port, recorderDeps);
      shooter.start();
    },
    pageRequest: createPageRequestListener(own, (request) => answerRequest(handlers, request)),
    uploadDue: () => void delivery.trigger(),
    pauseEnded: () => void applyChoices(),
    installed: (reason) => void lifecycle.installed(reason).catch(failed('install')),
    started: () => void lifecycle.started(),
    tabClosed: (tabId) => void io.tabSessions.forget(tabId),
    // Pages no recorder runs in (sites off or not allowed) get their state on the toolbar icon too.
    tabChanged: (tabId, url) => {
      void gate.toolbar.refresh(tabId, url).catch(failed('toolbar refresh'));
      shooter.start();
    },
    stashWritten: () => void collectStash(),
    localConfigChanged: () => void lifecycle.localConfigChanged(),
    policyChanged: () => {
      void lifecycle.policyChanged().catch(failed('applying the policy'));
      shooter.start();
    },
  });
  // Created on the first start, which is the install; its hash goes on the first receipt.
  void io.consentLifecycle.pseudonym.erasureSecret();
  void collectStash();
  void io.alarms.ensureUpload();
  // Whatever is queued (from before the worker stopped, or the browser closed) goes out as soon as the
  // worker runs, not at the next alarm; a backoff in force still applies.
  void delivery.trigger();
}
