import { formatDateTimeInLocale } from '../rules/format/format-quantities';
import type { Status } from '../schema/extension-messages';

/** Recordings lost before upload (never silently): how many, and whether the server has been told. */
export function describeDropped(queue: Status['queue']): string {
  const { chunksDropped, chunksExpired, nodesCutTooDeep } = queue.counters;
  // Not lost chunks, but parts of pages the recording could not keep: said next to them.
  const cut = nodesCutTooDeep
    ? `${nodesCutTooDeep} part${nodesCutTooDeep === 1 ? '' : 's'} of pages nested too deep, kept as placeholders`
    : '';
  if (chunksDropped === 0 && chunksExpired === 0) return cut || 'none';
  const parts = [chunksDropped && `${chunksDropped} dropped`, chunksExpired && `${chunksExpired} expired`].filter(Boolean).join(', ');
  const pending = queue.dropReportsPending ?? 0;
  const lost = pending ? `${parts} (the server is told with the next upload)` : `${parts} (reported to the server)`;
  return cut ? `${lost}; ${cut}` : lost;
}

/** "30 s ago" / "in 12 min"; past an hour, the date and time. */
export function formatAgo(at: number, now: Date, direction: 'ago' | 'in' = 'ago'): string {
  const s = Math.max(0, Math.round(Math.abs(now.getTime() - at) / 1000));
  const say = (amount: string) => (direction === 'ago' ? `${amount} ago` : `in ${amount}`);
  if (s < 60) return say(`${s} s`);
  if (s < 3600) return say(`${Math.round(s / 60)} min`);
  return formatDateTimeInLocale(at);
}
