// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCROLL_QUIET_MS } from '../../lib/actions/listeners/scroll';
import { $, capture, cleanup, click } from './helpers';

afterEach(cleanup);

function scrollElement(el: HTMLElement, top: number): void {
  el.scrollTop = top;
  el.dispatchEvent(new Event('scroll'));
}

describe('scroll capture', () => {
  it('20 scroll events on an element become one action after 400 ms of quiet, with the final position', () => {
    const h = capture(
      '<div id="feed" role="feed" aria-label="Posts" style="overflow:auto;height:50px"><div style="height:5000px"></div></div>',
    );
    const feed = $('#feed');
    for (let i = 1; i <= 20; i++) {
      scrollElement(feed, i * 10);
      vi.advanceTimersByTime(50);
    }
    expect(h.after()).toEqual([]);
    vi.advanceTimersByTime(SCROLL_QUIET_MS - 51);
    expect(h.after()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).toMatchObject({ type: 'scroll', scroll: { x: 0, y: 200 }, target: { tag: 'div', name: 'Posts' } });
  });

  it('ignores a single-line input scrolling its own text while typing, but not a textarea', () => {
    const h = capture('<input id="email" aria-label="Email"><textarea id="notes" aria-label="Notes"></textarea>');
    for (let i = 0; i < 5; i++) $('#email').dispatchEvent(new Event('scroll'));
    scrollElement($('#notes'), 30);
    vi.advanceTimersByTime(SCROLL_QUIET_MS);
    expect(h.after()).toEqual([expect.objectContaining({ type: 'scroll', target: expect.objectContaining({ name: 'Notes' }) })]);
  });

  it('page scroll (on the document) has target null and the window position', () => {
    const h = capture('<p>long</p>');
    Object.defineProperty(window, 'scrollY', { value: 640, configurable: true });
    for (let i = 0; i < 5; i++) document.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(SCROLL_QUIET_MS);
    delete (window as unknown as { scrollY?: number }).scrollY;
    expect(h.after()).toEqual([expect.objectContaining({ type: 'scroll', target: null, scroll: { x: 0, y: 640 } })]);
  });

  it('is coalesced per element and flushed before a click so order stays right', () => {
    const h = capture('<div id="a"></div><div id="b"></div><button>Go</button>');
    scrollElement($('#a'), 5);
    scrollElement($('#b'), 7);
    scrollElement($('#a'), 9);
    click($('button'));
    expect(h.after().map((a) => [a.type, a.scroll?.y])).toEqual([
      ['scroll', 9],
      ['scroll', 7],
      ['click', undefined],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('one element becoming quiet does not push out another still scrolling', () => {
    const h = capture('<div id="a"></div><div id="b"></div>');
    scrollElement($('#a'), 5);
    vi.advanceTimersByTime(300);
    scrollElement($('#b'), 7);
    vi.advanceTimersByTime(100);
    expect(h.after().map((a) => a.scroll?.y)).toEqual([5]);
    vi.advanceTimersByTime(300);
    expect(h.after().map((a) => a.scroll?.y)).toEqual([5, 7]);
  });

  it('reads no position or layout per event, only when emitting', () => {
    const h = capture('<div id="a"></div>');
    const el = $('#a');
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    let reads = 0;
    Object.defineProperty(el, 'scrollTop', { get: () => (reads++, 42), configurable: true });
    for (let i = 0; i < 20; i++) el.dispatchEvent(new Event('scroll'));
    expect([reads, rect.mock.calls.length]).toEqual([0, 0]);
    vi.advanceTimersByTime(SCROLL_QUIET_MS);
    expect([reads, rect.mock.calls.length]).toEqual([1, 1]);
    expect(h.after()[0]!.scroll).toEqual({ x: 0, y: 42 });
  });
});
