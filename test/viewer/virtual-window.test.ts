import { describe, expect, it } from 'vitest';
import { revealRow, visibleRange } from '../../server/viewer/web/session/virtual-window';

describe('virtual window', () => {
  it('renders the rows in view plus a margin, clamped to the list', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 50_000, overscan: 5 })).toEqual({ start: 0, end: 15 });
    expect(visibleRange({ scrollTop: 56 * 1000, viewportHeight: 560, rowHeight: 56, count: 50_000, overscan: 5 })).toEqual({
      start: 995,
      end: 1015,
    });
    expect(visibleRange({ scrollTop: 56 * 49_995, viewportHeight: 560, rowHeight: 56, count: 50_000, overscan: 5 })).toEqual({
      start: 49_990,
      end: 50_000,
    });
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('scrolls just enough to reveal a row, and not at all when it is in view', () => {
    expect(revealRow(5, 50, 0, 500)).toBeNull();
    expect(revealRow(20, 50, 0, 500)).toBe(550);
    expect(revealRow(2, 50, 400, 500)).toBe(100);
  });
});
