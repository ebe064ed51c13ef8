import type { CaptureDecision } from '../rules/capture/decide-capture';
import { STORAGE_REASONS } from '../rules/storage/storage-budget';
import type { ChunkAdmission } from './chunk-admission';
import { assignPage } from '../rules/session/assign-page';
import type { CaptureStatus } from '../schema/employee-state';
import type { CaptureGate } from './capture-gate';
import { createRecorderPortHandler, type ShotMessage } from './recorder-port-handler';
import type { LiveRecorder, RecorderRegistry } from './recorder-ports';
import type { createTabSessionStore } from '../platform/tab-session-store';

/**
 * Accepts one recorder's port: only our own content script in a tab's top
 * frame. Tracks it while it records (so choices reach it at once) and keeps
 * the tab's toolbar icon in step.
 */
export interface ConnectRecorderDeps {
  ownId: string;
  gate: CaptureGate;
  recorders: RecorderRegistry;
  tabs: ReturnType<typeof createTabSessionStore>;
  sessionIdleMs: () => number;
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  /** Where chunks are stored or their loss recorded, as for the stash (chunk-admission.ts). */
  admission: Pick<ChunkAdmission, 'store' | 'refuse' | 'dropUnstorable' | 'countInvalid' | 'level'>;
  toolbar: {
    show: (tabId: number, status: CaptureStatus, reason?: string | null) => Promise<void>;
    refresh: (tabId: number) => Promise<void>;
  };
  /** A screenshot message from this recorder (lib/worker/screenshots). */
  onShot?: (live: LiveRecorder, msg: ShotMessage) => void;
  /** The page's recording indicator was clicked (lib/worker/open-controls.ts). */
  onOpenControls?: (tabId: number) => void;
  log: (message: string, detail?: unknown) => void;
}

const FULL_REASON = STORAGE_REASONS.full;
const OVER_REASON = STORAGE_REASONS.over;

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
  let shown: string | null = null;
  /** The tab's icon after this recorder's decision; set only when it changes (decisions come with every chunk). */
  const showDecision = async (decision: CaptureDecision) => {
    const recording = deps.recorders.tabIsRecording(tabId);
    const look = recording ? 'recording' : `${decision.status}\n${decision.allowed ? '' : decision.reason}`;
    if (look === shown) return;
    shown = look;
    if (recording) await deps.toolbar.show(tabId, 'recording');
    else await deps.toolbar.show(tabId, decision.status, decision.allowed ? null : decision.reason);
  };

  const handler = createRecorderPortHandler(
    {
      decide: async (url, opening) => {
        live.url = url;
        let decision = await deps.gate.decide(url, tab.incognito);
        if (decision.allowed && opening && (await deps.admission.level()) !== 'ok') {
          decision = { allowed: false, status: 'paused', site: decision.site, reason: FULL_REASON };
        }
        live.recording = decision.allowed;
        live.shots = decision.allowed && decision.settings.screenshots === true;
        await showDecision(decision);
        return decision;
      },
      assign: async (pageLoadId, url) => {
        const assigned = await deps.serial(() =>
          assignPage(deps.tabs, { tabId, pageLoadId, site: new URL(url).origin, now: Date.now(), idleMs: deps.sessionIdleMs() }, () =>
            crypto.randomUUID(),
          ),
        );
        live.session = { sessionId: assigned.sessionId, page: assigned.page };
        return assigned;
      },
      append: deps.admission.store,
      storageOver: async () => ((await deps.admission.level()) === 'over' ? OVER_REASON : null),
      refuse: async (key, dropped) => {
        await deps.admission.refuse(key, dropped);
        live.recording = false;
        shown = null;
        await deps.toolbar.show(tabId, 'paused', OVER_REASON);
      },
      dropUnstorable: deps.admission.dropUnstorable,
      countInvalid: deps.admission.countInvalid,
      onShot: (msg) => deps.onShot?.(live, msg),
      onOpenControls: () => deps.onOpenControls?.(tabId),
      log: deps.log,
    },
    { reply: send, close: () => port.disconnect() },
  );
  port.onMessage.addListener((msg) => void handler.onMessage(msg));
  port.onDisconnect.addListener(() => {
    deps.recorders.remove(live);
    void deps.toolbar.refresh(tabId);
  });
}
