import type { Chunk } from '../schema/chunk';
import { assignPage } from '../session/assign-page';
import type { CaptureGate } from './capture-gate';
import { createRecorderPortHandler } from './recorder-port-handler';
import type { LiveRecorder, RecorderRegistry } from './recorder-ports';
import type { createTabSessionStore } from './tab-session-store';

/**
 * Accepts one recorder's port: only our own content script in a tab's top
 * frame. Tracks it while it records (so choices reach it at once) and keeps
 * the tab's badge in step.
 */
export interface ConnectRecorderDeps {
  ownId: string;
  gate: CaptureGate;
  recorders: RecorderRegistry;
  tabs: ReturnType<typeof createTabSessionStore>;
  sessionIdleMs: () => number;
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  append: (chunk: Chunk) => Promise<void>;
  countInvalid: (reason: string) => void;
  showRecording: (tabId: number, on: boolean) => Promise<void>;
  /** Whether the local queue has reached its cap: new pages then wait instead of old data being dropped. */
  queueFull: () => Promise<boolean>;
  log: (message: string, detail?: unknown) => void;
}

export function connectRecorder(port: chrome.runtime.Port, deps: ConnectRecorderDeps): void {
  const tab = port.sender?.tab;
  if (port.sender?.id !== deps.ownId || tab?.id === undefined || port.sender.frameId !== 0) {
    port.disconnect();
    return;
  }
  const tabId = tab.id;
  const send: LiveRecorder['send'] = (msg) => {
    try {
      port.postMessage(msg);
    } catch {
      // The page went away; it resends unacknowledged chunks if it comes back.
    }
  };
  const live: LiveRecorder = { tabId, url: port.sender.url ?? '', recording: false, send };
  deps.recorders.add(live);

  const handler = createRecorderPortHandler(
    {
      decide: async (url, opening) => {
        live.url = url;
        let decision = await deps.gate.decide(url, tab.incognito);
        if (decision.allowed && opening && (await deps.queueFull())) {
          decision = {
            allowed: false,
            status: 'paused',
            site: decision.site,
            reason: 'storage for recordings on this computer is full; recording resumes once they are uploaded',
          };
        }
        if (live.recording !== decision.allowed) {
          live.recording = decision.allowed;
          await deps.showRecording(tabId, deps.recorders.tabIsRecording(tabId));
        }
        return decision;
      },
      assign: (pageLoadId, url) =>
        deps.serial(() =>
          assignPage(
            deps.tabs,
            { tabId, pageLoadId, site: new URL(url).origin, now: Date.now(), idleMs: deps.sessionIdleMs() },
            () => crypto.randomUUID(),
          ),
        ),
      append: deps.append,
      countInvalid: deps.countInvalid,
      log: deps.log,
    },
    { reply: send, close: () => port.disconnect() },
  );
  port.onMessage.addListener((msg) => void handler.onMessage(msg));
  port.onDisconnect.addListener(() => {
    deps.recorders.remove(live);
    void deps.showRecording(tabId, deps.recorders.tabIsRecording(tabId));
  });
}
