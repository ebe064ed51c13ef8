import { record } from 'rrweb';
import { ACTION_EVENT_TAG } from '../schema/action';
import type { RrwebEvent } from '../schema/rrweb-event';
import { startActionCapture } from '../actions/start-action-capture';
import { createPagePrivacy } from '../privacy/page-privacy';
import { scrubUrl } from '../privacy/scrub-url';
import { createEventBuffer } from './event-buffer';
import { createGuard } from './guard';
import { createRecorderLink, type PortLike, type RecorderLinkOptions } from './recorder-link';
import { rrwebOptions } from './rrweb-options';

/**
 * One page's recording: asks the worker whether and how to record, then runs
 * rrweb and the semantic-action listeners into one ordered event stream,
 * cut into chunks for the worker. Nothing is recorded before the worker says yes.
 */
export interface RecorderDeps {
  win: Window;
  doc: Document;
  connect: () => PortLike;
  /** Where chunks unacknowledged when the page goes are left for the worker (recorder-link.ts). */
  stash?: RecorderLinkOptions['stash'];
  newId: () => string;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
}

export interface RunningRecorder {
  stop(): void;
  readonly state: 'waiting' | 'recording' | 'denied' | 'stopped';
}

export function startRecorder(deps: RecorderDeps): RunningRecorder {
  const { win, doc } = deps;
  const guard = createGuard((err, count) => deps.log(`recorder error #${count}`, err));
  const setTimer = (fn: () => void, ms: number) => win.setTimeout(guard.wrap(fn), ms);
  const clearTimer = (h: unknown) => win.clearTimeout(h as number);
  let state: RunningRecorder['state'] = 'waiting';
  const teardown: Array<() => void> = [];

  const link = createRecorderLink({
    pageLoadId: deps.newId(),
    site: win.location.origin,
    url: () => scrubUrl(win.location.href),
    connect: deps.connect,
    stash: deps.stash,
    onSession: guard.wrap((settings) => {
      if (state !== 'waiting') return;
      state = 'recording';
      const buffer = createEventBuffer({ maxEvents: 200, maxDelayMs: 1000, onRun: link.send, setTimer, clearTimer, now: deps.now });
      const privacy = createPagePrivacy(settings, record.mirror);
      const stopRrweb = record({
        ...rrwebOptions(privacy.rrwebOptions),
        emit: guard.wrap((event) => {
          const clean = privacy.scrub(event as RrwebEvent);
          if (clean) buffer.push(clean);
        }),
        errorHandler: (err) => {
          guard.report(err);
          return true;
        },
      });
      const stopActions = startActionCapture({
        doc,
        win,
        emit: (action) => record.addCustomEvent(ACTION_EVENT_TAG, action),
        nodeId: (node) => record.mirror.getId(node),
        now: deps.now,
        privacy: settings,
        onError: guard.report,
        timers: { setTimeout: setTimer, clearTimeout: clearTimer },
      });
      // The page may be frozen or unloaded after this: hand over what is buffered now.
      // pagehide also marks the page's end, so the server knows its last chunk (lib/schema/page-end.ts).
      const onHide = guard.wrap(() => buffer.end('pagehide'));
      const onVisibility = guard.wrap(() => doc.visibilityState === 'hidden' && buffer.flush());
      win.addEventListener('pagehide', onHide, { capture: true });
      doc.addEventListener('visibilitychange', onVisibility, { capture: true });
      teardown.push(() => {
        stopActions();
        stopRrweb?.();
        buffer.end('stop');
        buffer.dispose();
        win.removeEventListener('pagehide', onHide, { capture: true });
        doc.removeEventListener('visibilitychange', onVisibility, { capture: true });
      });
    }),
    onDenied: (reason) => {
      state = 'denied';
      runTeardown();
      deps.log(`not recording: ${reason}`);
    },
    onInvalidated: () => stop(),
    onProblem: (message) => deps.log(message),
    setTimer,
    clearTimer,
  });

  const runTeardown = () => {
    for (const fn of teardown.splice(0)) {
      try {
        fn();
      } catch (err) {
        guard.report(err);
      }
    }
  };

  const stop = () => {
    if (state === 'stopped') return;
    state = 'stopped';
    runTeardown();
    link.stop();
  };

  link.start();
  return {
    stop,
    get state() {
      return state;
    },
  };
}
