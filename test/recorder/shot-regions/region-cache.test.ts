// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheableAttributes, isCompound } from '../../../lib/recorder/shot-regions/region-elements';
import { startShotResponder, type ShotPageMessage, type ShotResponder } from '../../../lib/recorder/shot-regions/shot-responder';
import type { ShotRegionsReport } from '../../../lib/schema/shot-regions';

const policy = { maskAllText: false, blockSelector: null, maskTextSelector: null };
let responder: ShotResponder | null = null;

/** A responder on the happy-dom page, answering at once; every element measures as a visible 100x20 box. */
function start(maskTextSelector: string | null = null) {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(() => new DOMRect(10, 10, 100, 20));
  const posted: ShotPageMessage[] = [];
  let t = 10_000;
  responder = startShotResponder({
    win: window,
    doc: document,
    policy: { ...policy, maskTextSelector },
    post: (msg) => posted.push(msg),
    now: () => (t += 1),
    epochMs: () => Date.now(),
    wrap: (fn) => fn,
    frames: { afterFrame: (fn) => fn(), nextTask: (fn) => fn() },
  });
  let id = 0;
  const report = (): ShotRegionsReport => {
    responder!.answer({ requestId: id++, arm: true });
    const last = posted.at(-1);
    if (last?.kind !== 'shot-regions') throw new Error('no report');
    return last.report as ShotRegionsReport;
  };
  const kinds = () => report().regions.map((r) => r.kind);
  return { report, kinds };
}

afterEach(() => {
  responder?.stop();
  responder = null;
  document.body.innerHTML = '';
});

describe('region reports reuse the matched elements only while no mutation could change them', () => {
  it('a password field added by a mutation is in the very next report', () => {
    document.body.innerHTML = '<p>hello</p><input id="name">';
    const { kinds } = start();
    expect(kinds()).toEqual(['field']);
    expect(kinds()).toEqual(['field']); // now from the cache
    const password = document.createElement('input');
    password.type = 'password';
    document.body.append(password);
    expect(kinds()).toEqual(['field', 'field']);
  });

  it('an attribute that makes an element masked or a field shows in the very next report', () => {
    document.body.innerHTML = '<div id="note">private</div><input id="b" type="button">';
    const { kinds } = start();
    expect(kinds()).toEqual([]);
    document.getElementById('note')!.classList.add('rr-mask');
    expect(kinds()).toEqual(['masked']);
    document.getElementById('b')!.setAttribute('type', 'text');
    expect(kinds()).toEqual(['masked', 'field']);
    document.getElementById('note')!.setAttribute('contenteditable', 'true');
    expect(kinds()).toEqual(['field', 'field']);
  });

  it('removed, moved and nested elements are followed', () => {
    document.body.innerHTML = '<div id="a"><input id="x"></div><div id="b"></div>';
    const { kinds } = start();
    expect(kinds()).toEqual(['field']);
    document.getElementById('b')!.append(document.getElementById('x')!);
    expect(kinds()).toEqual(['field']);
    document.getElementById('b')!.remove();
    expect(kinds()).toEqual([]);
    const tree = document.createElement('section');
    tree.innerHTML = '<p><textarea></textarea></p><span class="rr-block">x</span>';
    document.body.append(tree);
    expect(kinds().sort()).toEqual(['blocked', 'field']);
  });

  it("an admin selector with a combinator is matched again when an ancestor's class changes", () => {
    document.body.innerHTML = '<div id="box"><p>card 4242</p></div>';
    const { kinds } = start('.private p');
    expect(kinds()).toEqual([]);
    document.getElementById('box')!.className = 'private';
    expect(kinds()).toEqual(['masked']);
  });

  it('a text edit keeps the cache (no new match), and every rectangle is still measured', () => {
    document.body.innerHTML = '<p id="p">hello</p><input>';
    const { kinds } = start();
    expect(kinds()).toEqual(['field']);
    const qsa = vi.spyOn(document, 'querySelectorAll');
    const rects = vi.mocked(Element.prototype.getBoundingClientRect);
    rects.mockClear();
    document.getElementById('p')!.firstChild!.textContent = 'changed';
    expect(kinds()).toEqual(['field']);
    expect(qsa).not.toHaveBeenCalled();
    expect(rects).toHaveBeenCalled();
  });
});

describe('which selectors may be cached', () => {
  it('tells compound selectors (matched by the element alone) from relational ones', () => {
    expect(
      isCompound(
        'input:not([type="button" i]):not([type="submit" i]), textarea, .rr-mask, [contenteditable]:not([contenteditable="false"])',
      ),
    ).toBe(true);
    for (const s of ['.private p', 'div > input', 'a + b', 'a ~ b', ':not(.a .b)', 'li:nth-child(2)', 'div:has(input)']) {
      expect(isCompound(s), s).toBe(false);
    }
  });

  it('reads the attributes a selector depends on', () => {
    expect([...cacheableAttributes('input:not([type="button" i]), .rr-mask, [data-webtrace-mask]')!].sort()).toEqual(
      ['class', 'data-webtrace-mask', 'dir', 'id', 'lang', 'type'].sort(),
    );
  });

  it('never caches a selector whose match can change without a mutation', () => {
    for (const s of ['input:focus', '.a:hover', 'x-y:defined', 'input:checked', '.a :focus-within', 'svg|a']) {
      expect(cacheableAttributes(s), s).toBeNull();
    }
    // A colon inside a quoted value is not a pseudo-class.
    expect(cacheableAttributes('[href^="https:hover"]')).not.toBeNull();
  });
});
