import { reportsDiffer } from '../../rules/screenshots/compare-reports';
import { dueShotShown, type ShownState } from '../../rules/screenshots/shown-state';
import type { ShotTrigger } from '../../schema/screenshot';
import { SHOT_DROP_REASONS as WHY, type ShotDropReason } from '../../schema/shot-drops';
import type { ShotRegionsReport } from '../../schema/shot-regions';
import type { RedactedImage } from './redact-image';

export type ShotOutcome =
  /** `shown`: what the shot shows, for the next skips (its epoch only when both reports had the same). */
  | { kind: 'shot'; image: RedactedImage; report: ShotRegionsReport; takenAt: number; captureMs: number; shown: ShownState }
  /** Nothing changed since the last shot: an after-action or periodic shot would add nothing. */
  | { kind: 'unchanged' }
  /** Not taken or thrown away undecoded; `retry`: worth one more try after the page is still; `code`: what is reported. */
  | { kind: 'dropped'; reason: string; retry: boolean; code: ShotDropReason };

export interface TakeShotDeps {
  /** Asks the page for its regions; null when it did not answer in time. */
  report: (arm: boolean) => Promise<ShotRegionsReport | null>;
  capture: () => Promise<Blob>;
  /** The armed page is not shot after all: it may show its indicator again. */
  release: () => void;
  redact: (capture: Blob, regions: ShotRegionsReport['regions'], viewport: ShotRegionsReport['viewport']) => Promise<RedactedImage>;
  now: () => number;
}

/**
 * One shot, failing closed at every step (issue 15): the page's report, the
 * capture, the page's report again; a capture between two reports that
 * differ (or a page that flagged a change) is discarded without decoding it;
 * then both reports' regions are blacked out. Never throws.
 */
export async function takeShot(deps: TakeShotDeps, trigger: ShotTrigger, last: ShownState | null): Promise<ShotOutcome> {
  try {
    const before = await deps.report(true);
    if (!before) return { kind: 'dropped', reason: 'the page did not answer', retry: false, code: WHY.pageSilent };
    const notNow = notTaken(before, trigger, last);
    if (notNow) {
      // Armed for nothing: the page may show its indicator again at once.
      deps.release();
      return notNow;
    }
    const t0 = deps.now();
    const takenAt = Math.floor(t0);
    let capture: Blob | null;
    try {
      capture = await deps.capture();
    } catch (err) {
      return failed(err, QUOTA.test(String((err as Error | null)?.message ?? err)) ? WHY.quota : WHY.captureFailed);
    }
    const captureMs = deps.now() - t0;
    const after = await deps.report(false);
    if (!after) return { kind: 'dropped', reason: 'the page did not answer after the capture', retry: false, code: WHY.pageSilent };
    if (after.indicator === 'shown')
      return { kind: 'dropped', reason: 'the recording indicator showed during the capture', retry: true, code: WHY.regionsChanged };
    const differ = reportsDiffer(before, after);
    if (differ) {
      capture = null; // never decoded
      return { kind: 'dropped', reason: differ, retry: true, code: WHY.regionsChanged };
    }
    try {
      const image = await deps.redact(capture, [...before.regions, ...after.regions], before.viewport);
      const shown = { takenAt, epoch: before.epoch === after.epoch ? before.epoch : null };
      return { kind: 'shot', image, report: before, takenAt, captureMs, shown };
    } catch (err) {
      return failed(err, WHY.redactionFailed);
    }
  } catch (err) {
    return failed(err, WHY.pageSilent);
  }
}

/** Why a shot is not taken after the first report: the page refused, or it shows what the last shot shows. */
function notTaken(before: ShotRegionsReport, trigger: ShotTrigger, last: ShownState | null): ShotOutcome | null {
  // Before the preconditions: a shot that would add nothing is a skip, not a drop, and is not retried.
  if (dueShotShown(trigger, before.epoch, last)) return { kind: 'unchanged' };
  if (before.refused) return { kind: 'dropped', reason: before.refused, retry: true, code: WHY.precondition };
  // The page's own recording indicator must be out of the picture (issue 19).
  if (before.indicator === 'shown')
    return { kind: 'dropped', reason: 'the recording indicator was not hidden', retry: true, code: WHY.precondition };
  if (before.viewport.width < 1 || before.viewport.height < 1)
    return { kind: 'dropped', reason: 'no viewport', retry: false, code: WHY.precondition };
  return null;
}

/** captureVisibleTab's refusal past its calls-per-second quota. */
const QUOTA = /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota/i;

function failed(err: unknown, code: ShotDropReason): ShotOutcome {
  return { kind: 'dropped', reason: `failed: ${String((err as Error | null)?.message ?? err).slice(0, 200)}`, retry: false, code };
}
