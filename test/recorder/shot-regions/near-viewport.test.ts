// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNearViewport, NEAR_MARGIN } from '../../../lib/recorder/shot-regions/near-viewport';
import { startShotResponder, type ShotPageMessage, type ShotResponder } from '../../../lib/recorder/shot-regions/shot-responder';
import type { ShotRegionsReport } from '../../../lib/schema/shot-regions';

/**
 * A stand-in for the browser's IntersectionObserver: the test says what the rendering of a frame
 * computed (`render`), as the browser would queue it; takeRecords hands the queued entries over.
 */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  queued: IntersectionObserverEntry[] = [];
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    const out = this.queued;
    this.queued = [];
    return out;
  }
}

/** A frame's rendering: an entry for each observed element whose state the test gives ("far", "near" or a zero box). */
function render(states: Map<Element, 'far' | 'near' | 'no-box'>) {
  for (const io of FakeObserver.all) {
    for (const target of io.targets) {
      const state = states.get(target);
      if (!state) continue;
      const box = state === 'no-box' ? new DOMRect(0, 0, 0, 0) : new DOMRect(0, state === 'far' ? 5000 : 10, 100, 20);
      io.queued.push({ target, isIntersecting: state === 'near', boundingClientRect: box } as unknown as IntersectionObserverEntry);
    }
  }
}

const byId = (id: string): Element => document.getElementById(id)!;

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  (window as unknown as { IntersectionObserver: unknown }).IntersectionObserver = FakeObserver;
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('near-viewport: which region elements are certainly far', () => {
  it('observes with a margin of a viewport; an element is far only once the observer said so, and only in a marked, unchanged frame', () => {
    document.body.innerHTML = '<input id="a"><input id="b"><div id="c"></div>';
    const [a, b, c] = [byId('a'), byId('b'), byId('c')];
    const near = createNearViewport(window);
    expect(FakeObserver.all[0]!.options.rootMargin).toBe(NEAR_MARGIN);
    // Never marked: nothing is far.
    expect(near.farTest(1, [a, b, c])).toBeNull();
    render(new Map([[a, 'far']]));
    near.markFrame(1);
    const isFar = near.farTest(1, [a, b, c])!;
    // b: no entry yet (unknown, so near); c: no box (display: contents), never far.
    render(new Map([[c, 'no-box']]));
    expect([isFar(a), isFar(b)]).toEqual([true, false]);
    near.markFrame(1);
    expect(near.farTest(1, [a, b, c])!(c)).toBe(false);
    // The mark is used up by one report; a change since the mark (epoch 2) makes the picture stale.
    expect(near.farTest(1, [a, b, c])).toBeNull();
    near.markFrame(1);
    expect(near.farTest(2, [a, b, c])).toBeNull();
  });

  it('lets go of elements no report asks for, and forgets what it knew of them', () => {
    document.body.innerHTML = '<input id="a"><input id="b">';
    const [a, b] = [byId('a'), byId('b')];
    const near = createNearViewport(window);
    near.farTest(0, [a, b]);
    render(new Map([[a, 'far']]));
    near.markFrame(0);
    expect(near.farTest(0, [b])).not.toBeNull();
    expect([...FakeObserver.all[0]!.targets]).toEqual([b]);
    near.markFrame(0);
    expect(near.farTest(0, [a, b])!(a)).toBe(false); // observed again: unknown until its next entry
  });
});

/**
 * A responder whose frames call the in-frame hook the way the browser's rendering would: the
 * frame's observer entries (`frame`) are computed after the hook, then the report runs.
 */
function start() {
  const posted: ShotPageMessage[] = [];
  let t = 10_000;
  let frame = new Map<Element, 'far' | 'near' | 'no-box'>();
  /** Something the page does between the frame and the report (a task in between). */
  let between: (() => void) | null = null;
  const responder: ShotResponder = startShotResponder({
    win: window,
    doc: document,
    policy: { maskAllText: false, blockSelector: null, maskTextSelector: null },
    post: (msg) => posted.push(msg),
    now: () => (t += 1000),
    epochMs: () => Date.now(),
    wrap: (fn) => fn,
    frames: {
      afterFrame: (fn, inFrame) => {
        inFrame?.();
        render(frame);
        between?.();
        fn();
      },
      nextTask: (fn) => fn(),
    },
  });
  let id = 0;
  const report = (): ShotRegionsReport => {
    responder.answer({ requestId: id++, arm: true });
    const last = posted.at(-1);
    if (last?.kind !== 'shot-regions') throw new Error('no report');
    return last.report as ShotRegionsReport;
  };
  return {
    responder,
    report,
    setFrame: (f: Map<Element, 'far' | 'near' | 'no-box'>) => (frame = f),
    setBetween: (fn: (() => void) | null) => (between = fn),
  };
}

/** Element boxes by id, and a rect for every text range; counts what is measured. */
function geometry(boxes: Record<string, DOMRect>, textRect: DOMRect) {
  const measured: string[] = [];
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    measured.push(this.id);
    return boxes[this.id] ?? new DOMRect(0, 0, 0, 0);
  });
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    measured.push(`text:${(this.startContainer as Text).parentElement?.id}`);
    return [textRect] as unknown as DOMRectList;
  });
  return measured;
}

describe('region reports do not measure what is certainly far, and never miss what is on screen', () => {
  let responder: ShotResponder | null = null;
  afterEach(() => {
    responder?.stop();
    responder = null;
  });

  it('a far field is not measured; scrolled into view between reports, it is in the next one', () => {
    document.body.innerHTML = '<input id="top"><input id="low">';
    const top = document.getElementById('top')!;
    const low = document.getElementById('low')!;
    const boxes = { top: new DOMRect(10, 10, 100, 20), low: new DOMRect(10, 5000, 100, 20) };
    const measured = geometry(boxes, new DOMRect(0, 0, 0, 0));
    const s = start();
    responder = s.responder;
    s.setFrame(
      new Map([
        [top, 'near'],
        [low, 'far'],
      ]),
    );
    s.report(); // first report: nothing known yet, everything measured
    measured.length = 0;
    expect(s.report().regions).toHaveLength(1);
    expect(measured).toEqual(['top']);
    // Scrolled: the field is on screen now, and the next frame's entry says so.
    boxes.low = new DOMRect(10, 300, 100, 20);
    document.dispatchEvent(new Event('scroll'));
    s.setFrame(new Map([[low, 'near']]));
    measured.length = 0;
    const after = s.report();
    expect(after.regions.map((r) => r.y)).toEqual([10, 300]);
    expect(measured).toEqual(['top', 'low']);
  });

  it('a mutation after the frame (its entries not computed yet) measures everything: a far element moved on screen is not missed', () => {
    document.body.innerHTML = '<div id="spacer"></div><input id="low">';
    const low = document.getElementById('low')!;
    const boxes = { low: new DOMRect(10, 5000, 100, 20) };
    geometry(boxes, new DOMRect(0, 0, 0, 0));
    const s = start();
    responder = s.responder;
    s.setFrame(new Map([[low, 'far']]));
    s.report();
    expect(s.report().regions).toHaveLength(0);
    // Between the frame and the report the page removes what was above the field: it is on screen,
    // though the observer still has it far (its entry comes at the next frame).
    s.setBetween(() => {
      document.getElementById('spacer')!.remove();
      boxes.low = new DOMRect(10, 40, 100, 20);
    });
    expect(s.report().regions).toEqual([{ kind: 'field', x: 10, y: 40, width: 100, height: 20 }]);
  });

  it('flagged text is measured even when its parent is far: text spilling out of a far box onto the screen is blacked out', () => {
    // The div is a 10 px high box far below the viewport, whose text overflows it upwards onto the screen.
    document.body.innerHTML = '<p id="fits">mail ann@example.com</p><div id="spills">mail bob@example.com</div>';
    const fits = byId('fits');
    const spills = byId('spills');
    const boxes = { fits: new DOMRect(0, 4000, 300, 20), spills: new DOMRect(0, 5000, 300, 10) };
    const measured = geometry(boxes, new DOMRect(0, 0, 0, 0));
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const id = (this.startContainer as Text).parentElement?.id;
      measured.push(`text:${id}`);
      return [id === 'spills' ? new DOMRect(20, 100, 150, 16) : new DOMRect(20, 4002, 150, 16)] as unknown as DOMRectList;
    });
    const s = start();
    responder = s.responder;
    s.setFrame(
      new Map([
        [fits, 'far'],
        [spills, 'far'],
      ]),
    );
    s.report();
    measured.length = 0;
    const regions = s.report().regions;
    expect(measured).toEqual(['text:fits', 'text:spills']);
    expect(regions).toEqual([{ kind: 'pii-text', x: 20, y: 100, width: 150, height: 16 }]);
    // Their parents are not even observed: only elements whose own box is blacked out are.
    expect([...FakeObserver.all[0]!.targets]).toEqual([]);
  });
});
