import type { Batch } from '../../lib/schema/batch';
import { actionFromEvent } from '../../lib/schema/rrweb-event';

const DAY_MS = 86_400_000;
/**
 * How long before the batch's `sentAt` an event may have happened. A batch is
 * built when it is sent, from chunks that may have waited on the device (a
 * laptop offline for a while, up to the device's retention): they must still be
 * accepted. Nothing may lie more than a day after `sentAt`.
 */
export const MAX_EVENT_AGE_MS = 400 * DAY_MS;
export const MAX_AHEAD_MS = DAY_MS;

export interface TimestampIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * Timestamps that could be true: `sentAt` not more than a day ahead of the
 * server's clock (a device's clock may be wrong, not that wrong); every event's, action's and drop report's time
 * within (sentAt − 400 days, sentAt + 1 day). Summaries, time filters and day
 * partitions of exports are built from these numbers.
 */
export function timestampIssue(batch: Batch, serverNow: number): TimestampIssue | null {
  const { sentAt } = batch;
  if (!(sentAt <= serverNow + MAX_AHEAD_MS)) {
    return { path: ['sentAt'], message: `${sentAt} is more than a day ahead of the server's clock (${serverNow})` };
  }
  const from = sentAt - MAX_EVENT_AGE_MS;
  const to = sentAt + MAX_AHEAD_MS;
  const wrong = (t: number) => !(t >= from && t <= to);
  const say = (t: number) => `${t} is not within a day after the batch's sentAt (${sentAt}) nor 400 days before it`;
  for (const [c, chunk] of batch.chunks.entries()) {
    for (const [e, event] of chunk.events.entries()) {
      if (wrong(event.timestamp)) return { path: ['chunks', c, 'events', e, 'timestamp'], message: say(event.timestamp) };
      const action = actionFromEvent(event);
      if (action && wrong(action.t)) return { path: ['chunks', c, 'events', e, 'data', 'payload', 't'], message: say(action.t) };
    }
  }
  for (const [d, report] of (batch.dropped ?? []).entries()) {
    if (wrong(report.at)) return { path: ['dropped', d, 'at'], message: say(report.at) };
  }
  for (const [d, report] of (batch.shotDrops ?? []).entries()) {
    if (wrong(report.at)) return { path: ['shotDrops', d, 'at'], message: say(report.at) };
  }
  return null;
}
