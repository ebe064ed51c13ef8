// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Selector } from '../../lib/schema/action';
import { buildSelectors } from '../../lib/actions/selectors/build-selectors';
import { describeTarget } from '../../lib/actions/target/describe-target';
import { cssString } from '../../lib/actions/selectors/css-escape';
import { MAX_ROLE_CANDIDATES } from '../../lib/actions/selectors/role-selector';
import { countCss } from '../../lib/actions/selectors/query-count';
import { isStableId } from '../../lib/actions/selectors/stable-id';
import { countOwnPath, countXPath } from '../../lib/actions/selectors/xpath-count';
import { $, capture, cleanup, click, TABLE } from './helpers';

afterEach(cleanup);

const byKind = (selectors: Selector[]) => Object.fromEntries(selectors.map((s) => [s.kind, s]));

describe('selectors', () => {
  it('table rows: role=button[name="Edit"] matches every row, css and xpath are unique per row', () => {
    const h = capture(TABLE);
    const buttons = [...document.querySelectorAll('button')];
    for (const b of buttons) click(b);
    const selectors = h.after().map((a) => byKind(a.target!.selectors));
    expect(selectors).toHaveLength(3);
    for (const s of selectors) {
      expect(s.role).toEqual({ kind: 'role', value: 'role=button[name="Edit"]', matches: 3 });
      expect(s.css!.matches).toBe(1);
      expect(s.xpath!.matches).toBe(1);
      expect(s.testid).toBeUndefined();
    }
    expect(new Set(selectors.map((s) => s.css!.value)).size).toBe(3);
    expect(new Set(selectors.map((s) => s.xpath!.value)).size).toBe(3);
    expect(selectors[1]!.css!.value).toBe('body > table > tbody > tr:nth-of-type(2) > td:nth-of-type(2) > button');
    expect(selectors[1]!.xpath!.value).toBe('/html/body[1]/table[1]/tbody[1]/tr[2]/td[2]/button[1]');
    // The css selector really finds that row's button.
    expect(document.querySelector(selectors[2]!.css!.value)).toBe(buttons[2]);
  });

  it('testid first, CSS-string-quoted; a stable id gives #id', () => {
    const h = capture('<button id="save" data-testid="save-btn">Save</button><button data-cy="x">X</button>');
    click($('#save'));
    click($('[data-cy]'));
    const [first, second] = h.after().map((a) => a.target!);
    expect(first!.selectors.map((s) => s.kind)).toEqual(['testid', 'role', 'css', 'xpath']);
    expect(byKind(first!.selectors)).toMatchObject({
      testid: { value: '[data-testid="save-btn"]', matches: 1 },
      css: { value: '#save', matches: 1 },
      xpath: { value: '//*[@id="save"]', matches: 1 },
    });
    expect(first!.testId).toBe('save-btn');
    expect(byKind(second!.selectors).testid).toEqual({ kind: 'testid', value: '[data-cy="x"]', matches: 1 });
  });

  it('generated ids are skipped; a stable ancestor id anchors css and xpath', () => {
    const h = capture(`
      <section id="billing"><div><input id="r-1a2b3c" name="card" type="text"></div><input name="card" type="text"></section>
      <input name="card" type="text">`);
    click($('#r-1a2b3c'));
    const s = byKind(h.after()[0]!.target!.selectors);
    expect(s.css!.value).toBe('#billing > div > input[name="card"][type="text"]');
    expect(s.css!.matches).toBe(1);
    expect(s.xpath).toEqual({ kind: 'xpath', value: '//*[@id="billing"]/div[1]/input[1]', matches: 1 });
  });

  it('tag+attributes alone when they are unique', () => {
    const h = capture('<div><div><input name="q" type="search"></div></div>');
    click($('input'));
    expect(byKind(h.after()[0]!.target!.selectors).css).toEqual({ kind: 'css', value: 'input[name="q"][type="search"]', matches: 1 });
  });

  it('role count: Playwright semantics (case-insensitive substring), names from alt and aria-label count', () => {
    const h = capture(`<button><img alt="Save"></button><button aria-label="save draft"></button>
      <button id="s">Save</button><button>Cancel</button><a href="/save">Save</a>`);
    click($('#s'));
    expect(byKind(h.after()[0]!.target!.selectors).role).toEqual({ kind: 'role', value: 'role=button[name="Save"]', matches: 3 });
  });

  it('role counting is bounded on huge pages (a lower bound past the cap)', () => {
    const h = capture('<button>Edit</button>'.repeat(MAX_ROLE_CANDIDATES + 500));
    click(document.querySelectorAll('button')[MAX_ROLE_CANDIDATES + 400]!);
    const role = byKind(h.after()[0]!.target!.selectors).role!;
    expect(role.matches).toBeGreaterThan(1);
    expect(role.matches).toBeLessThanOrEqual(MAX_ROLE_CANDIDATES + 1);
  });

  it('never uses the value attribute', () => {
    const h = capture('<input name="token" value="s3cr3t-value">');
    click($('input'));
    expect(JSON.stringify(h.actions)).not.toContain('s3cr3t');
  });

  it('a detached element has no selectors and no bbox', () => {
    const el = document.createElement('button');
    el.textContent = 'Go';
    expect(buildSelectors(el, 'button', 'Go', null)).toEqual([]);
    const target = describeTarget({ nodeId: () => 7 }, el);
    expect(target).toMatchObject({ tag: 'button', name: 'Go', bbox: null, selectors: [], nodeId: 7 });
  });

  it('stable-id heuristics', () => {
    for (const id of ['email', 'main-nav', 'saveButton']) expect(isStableId(id)).toBe(true);
    for (const id of ['ember123', ':r1:', '«r2»', 'a3f9c2d1', 'react-select-2-input', 'has space', '']) expect(isStableId(id)).toBe(false);
  });

  it('a selector that cannot be evaluated counts 0 instead of throwing', () => {
    expect(countCss(document, 'div[[')).toBe(0);
    expect(countXPath(document, '//*[')).toBe(0);
  });

  it('uses document.evaluate when present; an evaluate that throws counts 0', () => {
    const evaluate = vi.fn(() => ({ snapshotLength: 4 }));
    const doc = { evaluate } as unknown as Document;
    expect(countXPath(doc, '/html/body[1]')).toBe(4);
    expect(evaluate).toHaveBeenCalledWith('/html/body[1]', doc, null, 7, null);
    const throwing = { evaluate: () => { throw new Error('bad'); } } as unknown as Document;
    expect(countXPath(throwing, '/html')).toBe(0);
  });

  it('the fallback interpreter handles the generated grammar, including SVG steps', () => {
    document.body.innerHTML = '<div id="a"><svg><g></g><g></g></svg></div>';
    expect(countOwnPath(document, '//*[@id="a"]/*[local-name()="svg"][1]/*[local-name()="g"][2]')).toBe(1);
    expect(countOwnPath(document, '//*[@id="a"]/*[local-name()="svg"][1]/*[local-name()="g"][3]')).toBe(0);
    expect(countOwnPath(document, '/html/body[1]/div[1]')).toBe(1);
    expect(countOwnPath(document, '//div')).toBe(0);
  });

  it('cssString escapes quotes, backslashes and control characters only', () => {
    expect(cssString('plain value')).toBe('"plain value"');
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\a d"');
  });
});
