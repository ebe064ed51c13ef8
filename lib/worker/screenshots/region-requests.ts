import type { ShotRegionsReport } from '../../schema/shot-regions';
import type { LiveRecorder } from '../recorder-ports';

/** A page that has not answered by then gets no shot. */
export const REPORT_TIMEOUT_MS = 500;

/** Region requests to pages and their answers, matched by id and by the recorder asked. */
export function createRegionRequests(deps: { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void }) {
  let nextId = 0;
  const pending = new Map<number, { live: LiveRecorder; resolve: (r: ShotRegionsReport | null) => void; timer: unknown }>();
  return {
    ask(live: LiveRecorder, arm: boolean): Promise<ShotRegionsReport | null> {
      const requestId = nextId++;
      return new Promise((resolve) => {
        const timer = deps.setTimer(() => {
          pending.delete(requestId);
          resolve(null);
        }, REPORT_TIMEOUT_MS);
        pending.set(requestId, { live, resolve, timer });
        live.send({ kind: 'shot-regions-request', requestId, arm });
      });
    },
    /** The page armed for a shot that will not be taken: no answer expected. */
    release(live: LiveRecorder) {
      live.send({ kind: 'shot-regions-request', requestId: nextId++, arm: false, release: true });
    },
    answer(live: LiveRecorder, report: ShotRegionsReport) {
      const waiting = pending.get(report.requestId);
      // Only the page asked may answer.
      if (!waiting || waiting.live !== live) return;
      pending.delete(report.requestId);
      deps.clearTimer(waiting.timer);
      waiting.resolve(report);
    },
  };
}
