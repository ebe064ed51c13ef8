import type { Chunk, ChunkKey } from '../schema/chunk';
import type { SeqRange } from '../schema/dropped-chunks';
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
  append: (chunk: Chunk, dropped: readonly SeqRange[]) => Promise<void>;
  /** Records that a page's chunks from key.seq on were not stored because storage was over its limit. */
  refuse: (key: ChunkKey, dropped: readonly SeqRange[]) => Promise<void>;
  countInvalid: (reason: string) => void;
  showRecording: (tabId: number, on: boolean) => Promise<void>;
  /**
   * How full the local queue is. At its cap ('full') new pages wait instead of old data being dropped;
   * past the hard limit ('over') pages already recording stop too, so storage stays bounded.
   */
  queueLevel: () => Promise<QueueLevel>;
  log: (message: string, detail?: unknown) => void;
}

export type QueueLevel = 'ok' | 'full' | 'over';

/** Pages already recording may go this far past the cap before they stop too. */
export const HARD_CAP_FACTOR = 1.1;

export function queueLevel(pendingBytes: number, capBytes: number): QueueLevel {
  if (pendingBytes >= capBytes * HARD_CAP_FACTOR) return 'over';
  return pendingBytes >= capBytes ? 'full' : 'ok';
}

const FULL_REASON = 'storage for recordings on this computer is full; recording resumes once they are uploaded';
const OVER_REASON = 'storage for recordings on this computer is full; this page stopped recording and the next page load resumes once they are uploaded';

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
        if (decision.allowed && opening && (await deps.queueLevel()) !== 'ok') {
          decision = { allowed: false, status: 'paused', site: decision.site, reason: FULL_REASON };
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
      storageOver: async () => ((await deps.queueLevel()) === 'over' ? OVER_REASON : null),
      refuse: async (key, dropped) => {
        await deps.refuse(key, dropped);
        live.recording = false;
        await deps.showRecording(tabId, deps.recorders.tabIsRecording(tabId));
      },
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
