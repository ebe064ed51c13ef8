import type { Viewport } from '../../lib/schema/action';
import type { Size } from '../../lib/schema/dataset-primitives';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { RR, type SessionAction } from '../episodes/load-session';
import { RecordedTitle } from './recorded-title';

/** When to look at the page for a step, and the viewport then. */
export interface StepMoment {
  /** Events strictly before this instant make the observation. */
  at: number;
  viewport: Size;
  /** The viewport and devicePixelRatio the recorder reported for this page, in force at the action (null: none recorded). */
  recorded: Viewport | null;
  /** The action came before its page's first snapshot could show anything: the moment is just after that snapshot. */
  afterLoad: boolean;
  /** The page's <title> in the recording just before the action (the step's title when nothing is rendered). */
  title: string | null;
}

const VALUE_SETTING = new Set(['type', 'select', 'check']);

/**
 * The moment just before each action, over a session's events in one pass.
 * A typed value, a choice or a check is written into the page (rrweb's Input
 * events) before the action that reports it, and typing is reported when it
 * ends; so for those the moment is the first Input event on the target since
 * the previous action, and for a scroll the first Scroll event, so the
 * observation shows the page as it was before the person started. Moments
 * never go backwards (the replay only plays forward).
 */
export function stepMoments(events: readonly RrwebEvent[], actions: readonly SessionAction[]): StepMoment[] {
  const out: StepMoment[] = [];
  let viewport: Size = { width: 0, height: 0 };
  let recorded: Viewport | null = null;
  let e = 0;
  let prevIndex = -1;
  let prevAt = -Infinity;
  let snapshotAt: number | null = null;
  const title = new RecordedTitle();
  for (const a of actions) {
    const targetId = a.action.target?.nodeId ?? null;
    let start: number | null = null;
    for (; e < a.index; e++) {
      const ev = events[e]!;
      title.feed(ev);
      const data = ev.data as { source?: number; id?: number; width?: number; height?: number } | null;
      if (ev.type === RR.FullSnapshot) snapshotAt = ev.timestamp;
      // A Meta event starts a page: the viewport its actions report starts over.
      if (ev.type === RR.Meta) recorded = null;
      if (ev.type === RR.Meta && data?.width && data.height) viewport = { width: data.width, height: data.height };
      else if (ev.type === RR.Incremental && data?.source === RR.ViewportResize && data.width && data.height)
        viewport = { width: data.width, height: data.height };
      if (start !== null || e <= prevIndex || ev.type !== RR.Incremental) continue;
      if (VALUE_SETTING.has(a.action.type) && data?.source === RR.Input && data.id === targetId) start = ev.timestamp;
      if (a.action.type === 'scroll' && data?.source === RR.Scroll && (targetId === null || data.id === targetId)) start = ev.timestamp;
    }
    recorded = a.action.viewport ?? recorded;
    let at = Math.max(prevAt, Math.min(start ?? a.action.t, a.action.t));
    // "Before the action" would show nothing when the action shares its page's first instant.
    const afterLoad = snapshotAt !== null && snapshotAt >= at;
    if (afterLoad) at = snapshotAt! + 1;
    out.push({ at, viewport, recorded, afterLoad, title: title.title });
    prevIndex = a.index;
    prevAt = at;
  }
  return out;
}
