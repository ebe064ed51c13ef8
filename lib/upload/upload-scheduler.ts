import type { Config } from '../schema/config';
import type { UploadRunReport } from './upload-run';

/** A wait that has already passed still waits this long: never a tight loop against a failing server. */
const MIN_RETRY_MS = 1_000;

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UploadSchedulerDeps {
  /** One upload run, e.g. () => uploadPending(deps). */
  run: () => Promise<UploadRunReport>;
  /** Read on every use, so a changed policy applies at once. */
  uploadConfig: () => Pick<Config['upload'], 'delayMs' | 'thresholdBytes'>;
  timers?: SchedulerTimers;
  onReport?: (report: UploadRunReport) => void;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export interface UploadScheduler {
  /** After a chunk is queued: run now at the size threshold, else within delayMs. */
  notifyQueued(pendingBytes: number): void;
  /** Run now (the worker's periodic alarm, a user's "upload now"). Resolves when runs have settled. */
  trigger(): Promise<void>;
  /** Resolves once no run is active. */
  whenIdle(): Promise<void>;
  /** Cancels the pending timer; later calls do nothing. */
  dispose(): void;
}

/**
 * Serializes upload runs. A trigger during a run does not start a second one
 * (two runs could take and send the same chunks); it asks for one more run
 * after the current one, which then sees whatever was queued meanwhile.
 * After a run that must wait (backoff, Retry-After) it arms a timer for the
 * moment the wait ends, so delivery resumes then rather than at the next
 * alarm; the alarm stays the backstop for a worker that was stopped.
 * Free of chrome APIs: the worker wires chrome.alarms to trigger().
 */
export function createUploadScheduler(deps: UploadSchedulerDeps): UploadScheduler {
  const timers: SchedulerTimers = deps.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  };
  let running = false;
  let active: Promise<void> = Promise.resolve();
  let runAgain = false;
  let timer: unknown = null;
  let dueAt = Infinity;
  let disposed = false;
  const now = deps.now ?? Date.now;

  // One timer; an earlier wish replaces a later one, a later one never pushes it
  // back, so steady recording still uploads every delayMs instead of never.
  const armIn = (ms: number) => {
    if (disposed) return;
    const at = now() + Math.max(0, ms);
    if (timer !== null && dueAt <= at) return;
    if (timer !== null) timers.clearTimeout(timer);
    dueAt = at;
    timer = timers.setTimeout(
      () => {
        timer = null;
        dueAt = Infinity;
        void trigger();
      },
      Math.max(0, ms),
    );
  };
  const armTimer = () => armIn(deps.uploadConfig().delayMs);

  const loop = async () => {
    do {
      runAgain = false;
      try {
        const report = await deps.run();
        deps.onReport?.(report);
        // More is queued than one run may send: continue after a pause.
        if (report.status === 'budgetExhausted') armTimer();
        // The server said wait (or failed): try again when the wait is over.
        else if (report.status !== 'drained') armIn(Math.max(MIN_RETRY_MS, report.notBefore - now()));
      } catch (error) {
        try {
          deps.onError?.(error);
        } catch {
          // A failing logger must not leave the scheduler stuck "running".
        }
      }
    } while (runAgain && !disposed);
    // Cleared in the same step as the last runAgain check, so a trigger
    // arriving now starts a new run instead of joining one that has ended.
    running = false;
  };

  const trigger = (): Promise<void> => {
    if (disposed) return Promise.resolve();
    if (running) {
      runAgain = true;
      return active;
    }
    running = true;
    active = loop();
    return active;
  };

  return {
    notifyQueued(pendingBytes) {
      if (pendingBytes >= deps.uploadConfig().thresholdBytes) void trigger();
      else armTimer();
    },
    trigger,
    whenIdle: () => active,
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      dueAt = Infinity;
    },
  };
}
