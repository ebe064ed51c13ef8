import { describe, expect, it } from 'vitest';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { createEventDigest } from '../../server/viewer/web/session/event-digest';

const ev = (timestamp: number, type = 3, data: unknown = {}): RrwebEvent => ({ type, timestamp, data });
const meta = (timestamp: number, href: string) => ev(timestamp, 4, { href, width: 1280, height: 720 });

describe('event digest (gaps, page loads, how far it has loaded)', () => {
  it('marks silences of at least the threshold as gaps and every Meta event as a page load', () => {
    const d = createEventDigest(1000, 10_000);
    d.add([meta(1000, 'http://x/a'), ev(1500), ev(11_499), ev(21_499), ev(21_600), meta(40_000, 'http://x/b'), ev(40_010)]);
    expect(d.gaps).toEqual([
      { start: 10_499, end: 20_499 },
      { start: 20_600, end: 39_000 },
    ]);
    expect(d.pages).toEqual([
      { offset: 0, href: 'http://x/a' },
      { offset: 39_000, href: 'http://x/b' },
    ]);
    expect(d.count).toBe(7);
    expect(d.loadedUntil).toBe(39_010);
  });

  it('gives the same answer fed page by page, including a gap across a page boundary', () => {
    const events = [meta(0, 'u'), ev(100), ev(20_000), ev(20_100), ev(45_000)];
    const whole = createEventDigest(0, 10_000);
    whole.add(events);
    const paged = createEventDigest(0, 10_000);
    paged.add(events.slice(0, 2));
    expect(paged.loadedUntil).toBe(100);
    paged.add(events.slice(2, 4));
    paged.add(events.slice(4));
    expect(paged.gaps).toEqual(whole.gaps);
    expect(paged.gaps).toHaveLength(2);
    expect(paged.loadedUntil).toBe(45_000);
  });

  it('has loaded nothing before the first page', () => {
    expect(createEventDigest(5, 10).loadedUntil).toBe(0);
  });
});
