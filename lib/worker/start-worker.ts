/** The extension API as the entrypoint hands it over (webextension-polyfill at runtime). */
type Browser = typeof chrome;
import { decideCapture } from '../capture/decide-capture';
import { appendChunk, getQueueStats, incrementCounter, openQueueDb, type QueueDb } from '../queue';
import { RECORDER_PORT_NAME } from '../schema/recorder-port';
import { extensionRequestSchema, type ExtensionRequest, type Status } from '../schema/extension-messages';
import { assignPage } from '../session/assign-page';
import { createUploadScheduler, uploadPending, type UploadRunReport } from '../upload';
import { createConfigSource } from './config-source';
import { getInstallId } from './install-id';
import { createRecorderPortHandler } from './recorder-port-handler';
import { createSerializer } from './serialize';
import { createTabSessionStore } from './tab-session-store';
import { createUploadStateStore } from './upload-state-store';

export const UPLOAD_ALARM = 'webtrace/upload';

/**
 * The service worker: recorders' ports in, IndexedDB queue, uploads out.
 * Listeners are registered synchronously (MV3 wakes the worker for them);
 * everything that needs storage is opened lazily.
 */
export function startWorker(browser: Browser) {
  const log = (message: string, detail?: unknown) => console.warn(`[webtrace] ${message}`, detail ?? '');
  const config = createConfigSource(browser.storage.local);
  const tabs = createTabSessionStore(browser.storage.session);
  const uploadState = createUploadStateStore(browser.storage.local);
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

  const scheduler = createUploadScheduler({
    run: async () =>
      uploadPending({
        db: await db(),
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        random: Math.random,
        config: (await config.load()).config,
        installId: await installId,
        extensionVersion: browser.runtime.getManifest().version,
        state: uploadState,
      }),
    uploadConfig: () => config.current().config.upload,
    onReport: (report) => (lastReport = report),
    onError: (err) => log('upload run failed', err),
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== RECORDER_PORT_NAME) return;
    const tab = port.sender?.tab;
    // Only our own content scripts in a tab's top frame may record.
    if (port.sender?.id !== browser.runtime.id || tab?.id === undefined || port.sender.frameId !== 0) {
      return port.disconnect();
    }
    const tabId = tab.id;
    const handler = createRecorderPortHandler(
      {
        decide: async (url) => decideCapture({ config: (await config.load()).config, url, incognito: tab.incognito }),
        assign: (pageLoadId, url) =>
          serial(async () =>
            assignPage(
              tabs,
              { tabId, pageLoadId, site: new URL(url).origin, now: Date.now(), idleMs: config.current().config.sessionIdleMs },
              () => crypto.randomUUID(),
            ),
          ),
        append: async (chunk) => {
          const result = await appendChunk(await db(), chunk);
          scheduler.notifyQueued(result.pendingBytes);
        },
        countInvalid: (reason) => {
          log(`invalid recorder message: ${reason}`);
          void db().then((d) => incrementCounter(d, 'chunksRejectedInvalid'));
        },
        log,
      },
      {
        reply: (msg) => {
          try {
            port.postMessage(msg);
          } catch {
            // The page went away; it resends unacknowledged chunks if it comes back.
          }
        },
        close: () => port.disconnect(),
      },
    );
    port.onMessage.addListener((msg) => void handler.onMessage(msg));
  });

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPLOAD_ALARM) void scheduler.trigger();
  });
  void browser.alarms.get(UPLOAD_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: 0.5 });
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    // Only the extension's own pages may ask; content scripts talk over their port.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return false;
    const parsed = extensionRequestSchema.safeParse(raw);
    const reply = parsed.success
      ? answer(parsed.data)
      : Promise.resolve({ error: `invalid request: ${parsed.error.message}` });
    // sendResponse rather than a returned promise: not every Chromium honours the latter.
    reply.then(sendResponse, (err) => sendResponse({ error: String(err) }));
    return true;
  });

  async function answer(request: ExtensionRequest): Promise<unknown> {
    switch (request.kind) {
      case 'get-status': {
        const loaded = await config.load();
        const decision = request.url
          ? decideCapture({ config: loaded.config, url: request.url, incognito: false })
          : null;
        const status: Status = {
          capture: decision && { allowed: decision.allowed, reason: decision.allowed ? null : decision.reason },
          config: { source: loaded.source, error: loaded.error, endpoint: loaded.config.endpoint },
          queue: await getQueueStats(await db()),
        };
        return status;
      }
      case 'upload-now': {
        // A person asked: skip any backoff wait once.
        const state = await uploadState.get();
        await uploadState.set({ ...state, notBefore: 0 });
        await scheduler.trigger();
        const report = lastReport;
        return report
          ? { ok: report.status === 'drained' || report.status === 'budgetExhausted', detail: `upload ${report.status}` }
          : { ok: false, detail: 'upload did not run' };
      }
    }
  }
}
