import { record } from 'rrweb';
import { ACTION_EVENT_TAG } from '../schema/action-names';
import type { RrwebEvent } from '../schema/rrweb-event';
import { startActionCapture } from '../actions/start-action-capture';
import { createPagePrivacy } from '../privacy/page-privacy';
import { cutDeepEvents } from '../rrweb/cut-deep-nodes';
import { scrubUrl } from '../privacy/scrub-url';
import { createEventBuffer } from './event-buffer';
import { createEventPipeline } from './event-pipeline';
import { createGuard } from './guard';
import { installCustomElementsShim } from './custom-elements-shim';
import { markCustomElements } from './mark-custom-elements';
import { createRecorderLink, type PortLike, type RecorderLinkOptions } from './recorder-link';
import { createTypingGuard } from './typing-guard';
import { listenForTyping, passwordFields } from './typing-listeners';
import { rrwebOptions } from './rrweb-options';
import { markTrace, TRACE_MARK } from './trace-marks';
import { startShotResponder, type ShotResponder } from './shot-regions/shot-responder';
import { createPageIndicator, type PageIndicator } from './indicator/page-indicator';
import { INDICATOR_TAG } from './indicator/indicator-tag';
import { stripIndicator } from './indicator/strip-indicator';

/** rrweb's EventType.FullSnapshot. */
const FULL_SNAPSHOT = 2;

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
  let shots: ShotResponder | null = null;

  const link = createRecorderLink({
    pageLoadId: deps.newId(),
    site: win.location.origin,
    url: () => scrubUrl(win.location.href),
    connect: deps.connect,
    stash: deps.stash,
    onSession: guard.wrap((settings) => {
      if (state !== 'waiting') return;
      state = 'recording';
      // Shown only while recording: not before the worker's yes, and gone on a pause or denial (teardown).
      let indicator: PageIndicator | null = null;
      if (settings.indicator !== false) {
        const shown = createPageIndicator({
          doc,
          win,
          onActivate: guard.wrap(() => link.postShot({ kind: 'open-controls' })),
          setTimer,
          clearTimer,
        });
        indicator = shown;
        teardown.push(() => shown.remove());
      }
      const hostId = () => (indicator ? record.mirror.getId(indicator.host) : -1);
      if (settings.screenshots) {
        const responder = startShotResponder({
          win,
          doc,
          policy: settings,
          post: (msg) => link.postShot(msg),
          now: () => win.performance.now(),
          epochMs: deps.now,
          wrap: guard.wrap,
          indicator,
          onError: guard.report,
        });
        shots = responder;
        // For the benchmark (bench/workloads/shot-cost.ts): the content script's own global is its
        // isolated world's, which the page cannot read; it holds timings only.
        (globalThis as { webtraceShotCosts?: number[] }).webtraceShotCosts = responder.costs;
        teardown.push(() => {
          shots = null;
          responder.stop();
        });
      }
      let actionStats = { untrustedEvents: 0 };
      // Between rrweb and the buffer: no typing rhythm leaves the page (lib/recorder/typing-guard.ts).
      const typing = createTypingGuard({
        push: (event) => buffer.push(event),
        now: deps.now,
        setTimer,
        clearTimer,
        isPassword: passwordFields((id) => record.mirror.getNode(id)),
      });
      // The page-end marker takes the guard's clock: a release may be stamped ahead of the page's.
      const buffer = createEventBuffer({
        maxEvents: 200,
        maxDelayMs: 1000,
        onRun: link.send,
        setTimer,
        clearTimer,
        now: typing.now,
        stats: () => ({ untrustedEvents: actionStats.untrustedEvents }),
      });
      const stopTyping = listenForTyping(doc, typing, guard.wrap);
      const privacy = createPagePrivacy(settings, record.mirror);
      let snapshotMarked = false;
      // What happens to each event after rrweb, in order; a full snapshot's part in tasks of its own (event-pipeline.ts).
      function* handle(event: RrwebEvent): Generator<void, void, undefined> {
        const snapshot = event.type === FULL_SNAPSHOT;
        // Deeper than recordings keep: cut before anything walks the tree (lib/rrweb/cut-deep-nodes.ts).
        // The indicator is never recorded: not its node, nor a placeholder, nor the pointer over it.
        const own = stripIndicator(event, hostId());
        if (!own) return;
        for (const bounded of cutDeepEvents(own).events) {
          // A snapshot's scrub yields every few thousand nodes: a huge page's is no single long task.
          const clean = snapshot ? yield* privacy.scrubInSlices(bounded) : privacy.scrub(bounded);
          if (!clean) continue;
          // Scrubbed in one task, handed to the port (serialised there) in the next.
          if (snapshot) yield;
          typing.push(clean);
          if (clean.type === FULL_SNAPSHOT && !snapshotMarked) {
            snapshotMarked = true;
            markTrace(TRACE_MARK.fullSnapshot);
          }
        }
      }
      const pipeline = createEventPipeline({
        start: handle,
        defer: (event) => event.type === FULL_SNAPSHOT,
        setTimer,
        clearTimer,
        now: () => win.performance.now(),
        onError: guard.report,
      });
      // Before record(): rrweb's serializer would otherwise throw and catch once per element here.
      const isolatedWorld = installCustomElementsShim(win);
      markTrace(TRACE_MARK.recordStart);
      const stopRrweb = record({
        ...rrwebOptions(privacy.rrwebOptions),
        // Blocked too, so rrweb records no interaction on it; strip-indicator.ts removes what is left.
        blockSelector: [privacy.rrwebOptions.blockSelector, INDICATOR_TAG].filter(Boolean).join(','),
        emit: guard.wrap((event) => {
          // Against the live page, so now: whether each custom element is defined.
          if (isolatedWorld) markCustomElements(event as RrwebEvent, record.mirror);
          pipeline.push(event as RrwebEvent);
        }),
        errorHandler: (err) => {
          guard.report(err);
          return true;
        },
      });
      const actions = startActionCapture({
        doc,
        win,
        emit: (action) => record.addCustomEvent(ACTION_EVENT_TAG, action),
        nodeId: (node) => record.mirror.getId(node),
        now: deps.now,
        privacy: settings,
        ignore: (event) => indicator?.isIndicatorEvent(event) ?? false,
        onError: guard.report,
        timers: { setTimeout: setTimer, clearTimeout: clearTimer },
      });
      actionStats = actions.stats;
      // The page may be frozen or unloaded after this: hand over what is buffered now.
      // pagehide also marks the page's end, so the server knows its last chunk (lib/schema/page-end.ts).
      const onHide = guard.wrap(() => {
        pipeline.drain();
        typing.flush();
        buffer.end('pagehide');
      });
      const onVisibility = guard.wrap(() => {
        if (doc.visibilityState !== 'hidden') return;
        pipeline.drain();
        typing.flush();
        buffer.flush();
      });
      win.addEventListener('pagehide', onHide, { capture: true });
      doc.addEventListener('visibilitychange', onVisibility, { capture: true });
      teardown.push(() => {
        actions.stop();
        stopRrweb?.();
        pipeline.drain();
        pipeline.dispose();
        stopTyping();
        typing.flush();
        typing.dispose();
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
    // No responder (shots off here, or not recording): no answer, and the worker's shot fails closed.
    onShotRequest: guard.wrap((request) => shots?.answer(request)),
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
