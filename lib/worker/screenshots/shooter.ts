import type { TabCapture } from '../../platform/capture-tab';
import type { StoredShotRecord } from '../../queue/shot-records';
import { actionSeen, dueShot, newSchedule, nextDueAt, served, type ShotSchedule } from '../../rules/screenshots/shot-schedule';
import { beforeShotShown, type ShownState } from '../../rules/screenshots/shown-state';
import { budgetAllows, newByteBudget, spend } from '../../rules/screenshots/byte-budget';
import { createTokenBucket, SHOT_BUCKET } from '../../rules/screenshots/token-bucket';
import type { Config } from '../../schema/config';
import type { ShotTrigger } from '../../schema/screenshot';
import type { ShotRegionsReport } from '../../schema/shot-regions';
import { SHOT_DROP_REASONS, type ShotDropReason } from '../../schema/shot-drops';
import type { ShotMessage } from '../recorder-port-handler';
import type { LiveRecorder, RecorderRegistry } from '../recorder-ports';
import { redactImage } from './redact-image';
import { buildShotMeta, type ShotIdentity } from './shot-meta';
import { takeShot } from './take-shot';
import { createRegionRequests } from './region-requests';

export type ShotSkipReason = 'unchanged' | 'budget';

/** A discarded shot is tried once more after the page held still this long. */
export const RETRY_AFTER_MS = 300;
/** With no tab to shoot, look again this often. */
const IDLE_POLL_MS = 2000;

export interface ShooterDeps {
  recorders: RecorderRegistry;
  tabs: TabCapture;
  config: () => Config;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  identity: () => Promise<ShotIdentity>;
  /** Whether local storage has room (shots are the first thing given up). */
  storageOk: () => Promise<boolean>;
  store: (record: StoredShotRecord) => Promise<void>;
  /** A shot given up: `reason` in words (logs, figures), `code` reported to the server for the page. */
  discarded: (drop: { reason: string; code: ShotDropReason; page: { sessionId: string; page: number } }) => void;
  /**
   * A due shot not taken, not a drop: `unchanged`, the last stored one already shows the page as it is;
   * `budget`, the byte budget (screenshots.maxMegabytesPerHour) cannot pay for it now.
   */
  skipped?: (skip: { trigger: ShotTrigger; reason: ShotSkipReason }) => void;
  /** Worker ms per step of each stored shot, for the benchmark. */
  onShot?: (figures: { captureMs: number; decodeMs: number; redactMs: number; encodeMs: number; bytes: number }) => void;
  log: (message: string, detail?: unknown) => void;
}

/**
 * Takes the screenshots: only of the active tab of the focused window, only
 * while it records a page with shots on, at most as the token bucket allows,
 * before-action first, then after-action, then periodic (when the page changed).
 */
export function createShooter(deps: ShooterDeps) {
  const bucket = createTokenBucket(SHOT_BUCKET);
  // Bytes stored per hour (lib/rules/screenshots/byte-budget.ts): one for the worker, as the token bucket,
  // from the first time a page with shots is in front (it starts empty: nothing is saved up before).
  let budget: ReturnType<typeof newByteBudget> | null = null;
  const regions = createRegionRequests(deps);
  /** The page in front; `actionAt`: its last action trigger (worker clock). */
  let current: { key: string; schedule: ShotSchedule; actionAt: number | null } | null = null;
  /** What each page's last stored shot shows (shown-state.ts). */
  const shown = new Map<string, ShownState>();
  let retrying = false;
  let busy = false;
  let timer: unknown = null;
  let wakeAt = Infinity;

  const options = (cfg: NonNullable<Config['screenshots']>) => ({ perAction: cfg.perAction, periodicMs: cfg.periodicSeconds * 1000 });
  const keyOf = (live: LiveRecorder) => `${live.tabId}/${live.session?.sessionId}/${live.session?.page}`;

  const wake = (at: number) => {
    if (at >= wakeAt && timer !== null) return;
    if (timer !== null) deps.clearTimer(timer);
    wakeAt = at;
    timer = deps.setTimer(
      () => {
        timer = null;
        wakeAt = Infinity;
        void pump();
      },
      Math.max(0, at - deps.now()),
    );
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      await step();
    } catch (err) {
      deps.log('screenshot step failed', err);
      wake(deps.now() + IDLE_POLL_MS);
    } finally {
      busy = false;
    }
  };

  const target = async (): Promise<{ live: LiveRecorder; windowId: number } | null> => {
    const active = await deps.tabs.focusedActiveTab();
    if (!active) return null;
    const live = deps.recorders.all().find((r) => r.tabId === active.tabId && r.recording && r.shots && r.session);
    return live ? { live, windowId: active.windowId } : null;
  };

  const step = async () => {
    const cfg = deps.config().screenshots;
    if (!cfg) return;
    const opts = options(cfg);
    const found = await target();
    if (!found) return wake(deps.now() + IDLE_POLL_MS);
    const { live, windowId } = found;
    const key = keyOf(live);
    // A new page (or tab) in front: a first shot soon, then the periodic clock.
    if (current?.key !== key) current = { key, schedule: newSchedule(deps.now() - opts.periodicMs + 1000, opts), actionAt: null };
    budget ??= newByteBudget(deps.now());
    const { schedule, due } = dueShot(current.schedule, deps.now());
    current.schedule = schedule;
    if (!due) return wake(nextDueAt(schedule));
    // Seen now, taken once the outcome is known: a shot skipped after its first report costs none.
    if (bucket.readyAt(deps.now()) > deps.now()) return wake(bucket.readyAt(deps.now()));
    // Judged when the shot would start (no page report asked for): periodic ones give way first, before-action ones last.
    if (!budgetAllows(budget, due.trigger, deps.now(), cfg.maxMegabytesPerHour)) {
      retrying = false;
      deps.skipped?.({ trigger: due.trigger, reason: 'budget' });
      current.schedule = served(current.schedule, due.trigger, deps.now(), opts);
      return wake(nextDueAt(current.schedule));
    }
    const give = (reason: string, retry: boolean, code: ShotDropReason) => {
      const { sessionId, page } = live.session!;
      deps.discarded({ reason, code, page: { sessionId, page } });
      // A before-action shot tried again would show the action's outcome: the after-action shot is due then anyway.
      if (retry && !retrying && due.trigger !== 'before-action') {
        retrying = true;
        return wake(deps.now() + RETRY_AFTER_MS);
      }
      retrying = false;
      current!.schedule = served(current!.schedule, due.trigger, deps.now(), opts);
      wake(nextDueAt(current!.schedule));
    };
    if (!(await deps.storageOk())) return give('local storage is full', false, SHOT_DROP_REASONS.storageFull);
    const outcome = await takeShot(
      {
        report: (arm) => regions.ask(live, arm),
        capture: async () => {
          const dataUrl = await deps.tabs.capture(windowId);
          // captureVisibleTab shoots whatever the window shows: it must still be this tab.
          const still = await deps.tabs.focusedActiveTab();
          if (still?.tabId !== live.tabId) throw new Error('another tab came to the front');
          return (await fetch(dataUrl)).blob();
        },
        redact: (capture, rects, viewport) =>
          redactImage(capture, rects, viewport, { maxWidth: cfg.maxWidth, quality: cfg.quality, now: deps.now }),
        release: () => regions.release(live),
        now: deps.now,
      },
      due.trigger,
      shown.get(key) ?? null,
    );
    // Only this loop takes tokens, one step at a time: the one seen above is still there (taking it
    // later only loses refill, so captures stay within the bucket's rate).
    if (outcome.kind !== 'unchanged') bucket.take(deps.now());
    if (outcome.kind === 'dropped') return give(outcome.reason, outcome.retry, outcome.code);
    retrying = false;
    if (outcome.kind === 'shot') await keep(live, due, outcome);
    else deps.skipped?.({ trigger: due.trigger, reason: 'unchanged' });
    current.schedule = served(current.schedule, due.trigger, deps.now(), opts);
    wake(nextDueAt(current.schedule));
  };

  const keep = async (
    live: LiveRecorder,
    due: { trigger: Parameters<typeof served>[1]; requestedAt: number },
    shot: Extract<Awaited<ReturnType<typeof takeShot>>, { kind: 'shot' }>,
  ) => {
    const session = live.session!;
    const meta = buildShotMeta({
      id: await deps.identity(),
      config: deps.config(),
      session,
      url: live.url,
      trigger: due.trigger,
      requestedAt: due.requestedAt,
      takenAt: shot.takenAt,
      report: shot.report,
      image: shot.image,
      regions: shot.image.rects,
    });
    const image = await shot.image.blob.arrayBuffer();
    await deps.store({ sessionId: session.sessionId, page: session.page, takenAt: shot.takenAt, storedAt: deps.now(), meta, image });
    const cfg = deps.config().screenshots;
    if (cfg && budget) budget = spend(budget, image.byteLength, deps.now(), cfg.maxMegabytesPerHour);
    shown.set(keyOf(live), shot.shown);
    if (shown.size > 200) shown.delete(shown.keys().next().value!);
    const { decode, redact, encode } = shot.image.ms;
    deps.onShot?.({ captureMs: shot.captureMs, decodeMs: decode, redactMs: redact, encodeMs: encode, bytes: image.byteLength });
  };

  return {
    /** A recorder's screenshot message: a region report answers a request; an action trigger schedules shots. */
    onMessage(live: LiveRecorder, msg: ShotMessage) {
      if (msg.kind === 'shot-regions') return regions.answer(live, msg.report as ShotRegionsReport);
      const cfg = deps.config().screenshots;
      if (!cfg || !current || current.key !== keyOf(live)) return void pump();
      const at = deps.now();
      const previousAt = current.actionAt;
      current.actionAt = at;
      const before = !beforeShotShown(shown.get(current.key) ?? null, { at, epoch: msg.epoch, previousAt });
      if (!before && cfg.perAction && current.schedule.beforeAt === null) deps.skipped?.({ trigger: 'before-action', reason: 'unchanged' });
      current.schedule = actionSeen(current.schedule, at, options(cfg), before);
      wake(at);
    },
    /** Starts (or nudges) the loop: the worker started, a recorder connected, the policy changed. */
    start: () => void pump(),
  };
}
export type Shooter = ReturnType<typeof createShooter>;
