// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Selector } from '../../lib/schema/action';
import { buildSelectors } from '../../lib/actions/selectors/build-selectors';
import { describeTarget } from '../../lib/actions/target/describe-target';
import { cssString } from '../../lib/actions/selectors/css-escape';
import { MAX_ROLE_CANDIDATES } from '../../lib/actions/selectors/role-selector';
import { countCss } from '../../lib/actions/selectors/query-count';
import { isStableId } from '../../lib/actions/selectors/stable-id';
import { $, capture, cleanup, click, TABLE } from './helpers';

afterEach(cleanup);

const byKind = (selectors: Selector[]) => Object.fromEntries(selectors.map((s) => [s.kind, s]));

describe('selectors', () => {
  it('table rows: role=button[name="Edit"] matches every row; the row-anchored selector, css and xpath are unique per row', () => {
    const h = capture(TABLE);
    const buttons = [...document.querySelectorAll('button')];
    for (const b of buttons) click(b);
    const selectors = h.after().map((a) => byKind(a.target!.selectors));
    expect(selectors).toHaveLength(3);
    expect(selectors.map((s) => s.row!.value)).toEqual(
      ['Ada', 'Grace', 'Linus'].map((key) => `role=row[name*="${key}"] >> role=button[name="Edit"]`),
    );
    // Unique selectors come first: the row-anchored one is the one to use.
    expect(h.after().map((a) => a.target!.selectors[0]!.kind)).toEqual(['row', 'row', 'row']);
    expect(h.after()[1]!.target!.ancestors[0]).toEqual({ role: 'row', name: 'Grace' });
    for (const s of selectors) {
      expect(s.row!.matches).toBe(1);
      // The next row's Edit proves it ambiguous without counting the page: 2 says "not unique".
      expect(s.role).toEqual({ kind: 'role', value: 'role=button[name="Edit"]', matches: 2 });
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
    expect(second!.selectors.map((s) => s.kind)).toEqual(['testid', 'role', 'css', 'xpath']);
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

  it('role count: Playwright semantics (the whole name, case-insensitively), names from alt and aria-label count', () => {
    const h = capture(`<button><img alt="save"></button><button aria-label="save draft"></button>
      <button id="s">Save</button><button>Cancel</button><a href="/save">Save</a>`);
    click($('#s'));
    expect(byKind(h.after()[0]!.target!.selectors).role).toEqual({ kind: 'role', value: 'role=button[name="Save"]', matches: 2 });
  });

  it('role count skips elements hidden from the accessibility tree, as Playwright does', () => {
    const h = capture(`<button id="s">Save</button><div aria-hidden="true"><button>Save</button></div>
      <button hidden>Save</button><div inert><button>Save</button></div>`);
    click($('#s'));
    expect(byKind(h.after()[0]!.target!.selectors).role).toEqual({ kind: 'role', value: 'role=button[name="Save"]', matches: 1 });
    expect(h.after()[0]!.target!.selectors[0]!.kind).toBe('role');
  });

  it('role counting looks only at the elements that can have the role, and is bounded on huge pages', () => {
    const h = capture(`${'<span>Edit</span>'.repeat(3000)}<button>Edit</button>`);
    const spy = vi.spyOn(Element.prototype, 'matches');
    click($('button'));
    expect(byKind(h.after()[0]!.target!.selectors).role!.matches).toBe(1);
    spy.mockRestore();
    cleanup();
    const big = capture('<button>Edit</button>'.repeat(MAX_ROLE_CANDIDATES + 500));
    click(document.querySelectorAll('button')[MAX_ROLE_CANDIDATES + 400]!);
    // Past the budget the count only says "not unique".
    expect(byKind(big.after()[0]!.target!.selectors).role!.matches).toBe(2);
  });

  it('a name with an icon label: the name leaves the icon out, and the role selector matches it as a part', () => {
    const h = capture(
      `<ul role="menu"><li role="menuitem" aria-haspopup="true">Europe <span role="img" aria-label="right"></span></li></ul>`,
    );
    click($('li'));
    const action = h.after()[0]!;
    expect(action.target!.name).toBe('Europe');
    expect(byKind(action.target!.selectors).role!.value).toBe('role=menuitem[name*="Europe"]');
  });

  it('never uses the value attribute', () => {
    const h = capture('<input name="token" value="s3cr3t-value">');
    click($('input'));
    expect(JSON.stringify(h.actions)).not.toContain('s3cr3t');
  });

  it('a detached element has no selectors and no bbox', () => {
    const el = document.createElement('button');
    el.textContent = 'Go';
    expect(buildSelectors(el, { role: 'button', name: 'Go', nameMatch: 'whole', testId: null, hidden: null, row: null })).toEqual([]);
    const target = describeTarget({ nodeId: () => 7 }, el);
    expect(target).toMatchObject({ tag: 'button', name: 'Go', bbox: null, selectors: [], nodeId: 7 });
  });

  it('stable-id heuristics', () => {
    for (const id of ['email', 'main-nav', 'saveButton']) expect(isStableId(id)).toBe(true);
    const generated = [
      'ember123',
      ':r1:',
      '«r2»',
      'a3f9c2d1',
      'react-select-2-input',
      'has space',
      '',
      // React 19 useId, Headless UI, Radix, MUI, rc/antd, Element Plus: some have no digit at all.
      '_r_a_',
      'headlessui-listbox-button-_r_b_',
      'radix-_r_c_',
      'mui-12',
      'rc_select_list',
      'el-id-1024-12',
      ':Rlaq:',
    ];
    for (const id of generated) expect(isStableId(id), id).toBe(false);
  });

  it('a selector that cannot be evaluated counts 0 instead of throwing', () => {
    expect(countCss(document, 'div[[')).toBe(0);
  });

  it('xpath and css paths are unique by construction: never evaluated, never a whole-document query', () => {
    const h = capture('<div id="a"><svg><g></g><g><rect></rect></g></svg></div><p><span>x</span></p><p><span>y</span></p>');
    const evaluate = vi.fn();
    (document as unknown as { evaluate: unknown }).evaluate = evaluate;
    const all = vi.spyOn(document, 'querySelectorAll');
    click($('p:nth-of-type(2) span'));
    const s = byKind(h.after()[0]!.target!.selectors);
    expect(s.xpath).toEqual({ kind: 'xpath', value: '/html/body[1]/p[2]/span[1]', matches: 1 });
    expect(s.css).toEqual({ kind: 'css', value: 'body > p:nth-of-type(2) > span', matches: 1 });
    expect(evaluate).not.toHaveBeenCalled();
    expect(all.mock.calls.map(([sel]) => sel)).not.toContain('body > p:nth-of-type(2) > span');
    click($('rect'));
    expect(byKind(h.after()[1]!.target!.selectors).xpath!.value).toBe(
      '//*[@id="a"]/*[local-name()="svg"][1]/*[local-name()="g"][2]/*[local-name()="rect"][1]',
    );
    delete (document as unknown as { evaluate?: unknown }).evaluate;
  });

  it('cssString escapes quotes, backslashes and control characters only', () => {
    expect(cssString('plain value')).toBe('"plain value"');
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\a d"');
  });
});
