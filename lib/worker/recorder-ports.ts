import type { WorkerToRecorder } from '../schema/recorder-port';

/**
 * The recorders connected right now, so a change of mind (site off, pause,
 * consent withdrawn) reaches open tabs at once. In memory only: after a
 * worker restart a recorder reconnects with its next chunk, and that chunk is
 * checked against the decision anyway.
 */
export interface LiveRecorder {
  tabId: number;
  /** The page URL the recorder last reported. */
  url: string;
  recording: boolean;
  /** The session and page it was given, once it was. */
  session?: { sessionId: string; page: number };
  /** Whether screenshots are on for its page (the decision's settings). */
  shots?: boolean;
  send(msg: WorkerToRecorder): void;
}

export function createRecorderRegistry() {
  const live = new Set<LiveRecorder>();
  return {
    add(r: LiveRecorder) {
      live.add(r);
    },
    remove(r: LiveRecorder) {
      live.delete(r);
    },
    /** Whether any recorder in the tab is recording (for the badge). */
    tabIsRecording(tabId: number): boolean {
      return [...live].some((r) => r.tabId === tabId && r.recording);
    },
    all(): LiveRecorder[] {
      return [...live];
    },
  };
}
export type RecorderRegistry = ReturnType<typeof createRecorderRegistry>;
