import { reportsDiffer } from '../../rules/screenshots/compare-reports';
import type { ShotTrigger } from '../../schema/screenshot';
import { SHOT_DROP_REASONS as WHY, type ShotDropReason } from '../../schema/shot-drops';
import type { ShotRegionsReport } from '../../schema/shot-regions';
import type { RedactedImage } from './redact-image';

export type ShotOutcome =
  | { kind: 'shot'; image: RedactedImage; report: ShotRegionsReport; takenAt: number; captureMs: number }
  /** Nothing changed since the last shot: a periodic shot is not needed. */
  | { kind: 'unchanged' }
  /** Not taken or thrown away undecoded; `retry`: worth one more try after the page is still; `code`: what is reported. */
  | { kind: 'dropped'; reason: string; retry: boolean; code: ShotDropReason };

export interface TakeShotDeps {
  /** Asks the page for its regions; null when it did not answer in time. */
  report: (arm: boolean) => Promise<ShotRegionsReport | null>;
  capture: () => Promise<Blob>;
  redact: (capture: Blob, regions: ShotRegionsReport['regions'], viewport: ShotRegionsReport['viewport']) => Promise<RedactedImage>;
  now: () => number;
}

/**
 * One shot, failing closed at every step (issue 15): the page's report, the
 * capture, the page's report again; a capture between two reports that
 * differ (or a page that flagged a change) is discarded without decoding it;
 * then both reports' regions are blacked out. Never throws.
 */
export async function takeShot(deps: TakeShotDeps, trigger: ShotTrigger, lastEpoch: number | null): Promise<ShotOutcome> {
  try {
    const before = await deps.report(true);
    if (!before) return { kind: 'dropped', reason: 'the page did not answer', retry: false, code: WHY.pageSilent };
    if (before.refused) return { kind: 'dropped', reason: before.refused, retry: true, code: WHY.precondition };
    // The page's own recording indicator must be out of the picture (issue 19).
    if (before.indicator === 'shown')
      return { kind: 'dropped', reason: 'the recording indicator was not hidden', retry: true, code: WHY.precondition };
    if (trigger === 'periodic' && before.epoch === lastEpoch) return { kind: 'unchanged' };
    if (before.viewport.width < 1 || before.viewport.height < 1)
      return { kind: 'dropped', reason: 'no viewport', retry: false, code: WHY.precondition };
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
      return { kind: 'shot', image, report: before, takenAt, captureMs };
    } catch (err) {
      return failed(err, WHY.redactionFailed);
    }
  } catch (err) {
    return failed(err, WHY.pageSilent);
  }
}

/** captureVisibleTab's refusal past its calls-per-second quota. */
const QUOTA = /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota/i;

function failed(err: unknown, code: ShotDropReason): ShotOutcome {
  return { kind: 'dropped', reason: `failed: ${String((err as Error | null)?.message ?? err).slice(0, 200)}`, retry: false, code };
}
