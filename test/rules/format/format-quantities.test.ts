import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDateTime,
  formatDateTimeInLocale,
  formatDuration,
} from '../../../lib/rules/format/format-quantities';

describe('the one set of human formats (extension pages and viewer)', () => {
  it('sizes: bytes, then one decimal below ten of a unit, whole units above', () => {
    expect([0, 512, 1536, 15 * 1024, 3 * 1024 * 1024, 2 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '512 B',
      '1.5 KB',
      '15 KB',
      '3.0 MB',
      '2.0 GB',
    ]);
  });

  it('durations at a glance, clock times for the player', () => {
    expect([0, 4_400, 192_000, 2 * 3_600_000 + 5 * 60_000].map(formatDuration)).toEqual(['0 s', '4 s', '3 min 12 s', '2 h 05 min']);
    expect([formatClock(65_300), formatClock(65_300, true), formatClock(3_727_000), formatClock(-5)]).toEqual([
      '1:05',
      '1:05.3',
      '1:02:07',
      '0:00',
    ]);
  });

  it('counts with separators; date and time fixed for the viewer, in the runtime locale for the extension', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    const at = new Date(2025, 10, 22, 8, 14).getTime();
    expect(formatDateTime(at)).toBe('22 Nov 2025, 08:14');
    expect(formatDateTimeInLocale(at)).toBe(new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  });
});
