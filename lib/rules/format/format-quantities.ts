/**
 * Human-readable numbers, sizes, durations and times: the one set of formats for the extension's
 * pages (lib/ui/) and the server's viewer (server/viewer/web/).
 */
const integer = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => integer.format(n);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "4 s", "3 min 12 s", "2 h 05 min": a session's length at a glance. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Player clock: "1:05" or "1:02:07"; with tenths "1:05.3". */
export function formatClock(ms: number, tenths = false): string {
  const clamped = Math.max(0, ms);
  const total = Math.floor(clamped / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  const base = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
  return tenths ? `${base}.${Math.floor((clamped % 1000) / 100)}` : base;
}

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;
const dateTime = new Intl.DateTimeFormat('en-GB', DATE_TIME);

/** Local date and time, e.g. "22 Nov 2025, 08:14": the viewer's fixed form. */
export const formatDateTime = (epochMs: number): string => dateTime.format(epochMs);

/** The same in the person's own locale, for the extension's pages (built per call: the locale may change). */
export const formatDateTimeInLocale = (epochMs: number): string => new Intl.DateTimeFormat(undefined, DATE_TIME).format(epochMs);
