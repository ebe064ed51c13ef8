import type { UploadedGroup, UploadedRecordings } from '../../../lib/schema/my-recordings';

/** One stored session as the grouping sees it. */
export interface RecordingFacts {
  site: string;
  startedAt: number;
  endedAt: number;
  bytes: number;
  screenshots: number;
}

/** UTC day of an epoch-ms time, YYYY-MM-DD. */
export const utcDay = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** Groups an install's sessions per site and UTC day of their start, with totals. Pure. */
export function groupRecordings(installId: string, sessions: readonly RecordingFacts[]): UploadedRecordings {
  const groups = new Map<string, UploadedGroup>();
  for (const s of sessions) {
    const day = utcDay(s.startedAt);
    const key = `${day} ${s.site}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        site: s.site,
        day,
        recordings: 1,
        firstAt: s.startedAt,
        lastAt: s.endedAt,
        bytes: s.bytes,
        screenshots: s.screenshots,
      });
      continue;
    }
    g.recordings += 1;
    g.firstAt = Math.min(g.firstAt, s.startedAt);
    g.lastAt = Math.max(g.lastAt, s.endedAt);
    g.bytes += s.bytes;
    g.screenshots += s.screenshots;
  }
  const sorted = [...groups.values()].sort((a, b) => (a.day === b.day ? a.site.localeCompare(b.site) : a.day < b.day ? 1 : -1));
  const sum = (k: 'recordings' | 'bytes' | 'screenshots') => sorted.reduce((n, g) => n + g[k], 0);
  return { installId, groups: sorted, totals: { recordings: sum('recordings'), bytes: sum('bytes'), screenshots: sum('screenshots') } };
}
