// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, capture, cleanup, click, key, untrusted } from './helpers';

afterEach(cleanup);

const pointer = (type: string, el: Element, init: MouseEventInit = {}) =>
  el.dispatchEvent(
    new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, button: 0, detail: 1, clientX: 5, clientY: 6, ...init }),
  );
/** A person's press: pointerdown, pointerup, then the click the browser aims at `clicked`. */
const press = (down: Element, clicked: Element | null = down) => {
  pointer('pointerdown', down);
  pointer('pointerup', down);
  if (clicked) click(clicked, { clientX: 5, clientY: 6 });
};

describe('only trusted input becomes an action', () => {
  it('clicks, keys and input a page script dispatches are ignored and counted', () => {
    const h = capture('<button>Go</button><input id="f">');
    $('button').dispatchEvent(untrusted(new MouseEvent('click', { bubbles: true })));
    $('#f').dispatchEvent(untrusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    $('#f').dispatchEvent(untrusted(new InputEvent('input', { bubbles: true })));
    expect(h.after()).toEqual([]);
    expect(h.stats.untrustedEvents).toBe(3);
    click($('button'));
    expect(h.after().map((a) => a.type)).toEqual(['click']);
  });
});

describe('the pressed element', () => {
  it('a click that lands on <body> (a backdrop took the pointer) targets what was pressed', () => {
    const h = capture('<button aria-haspopup="listbox">Cost center</button>');
    press($('button'), document.body);
    expect(h.after()[0]).toMatchObject({
      type: 'click',
      target: { role: 'button', name: 'Cost center' },
      via: 'pointer',
      point: { x: 5, y: 6 },
      modifiers: [],
    });
  });

  it('a choice committed on pointerup with no click is one select, timed at the press', () => {
    vi.useFakeTimers();
    const h = capture(`<button aria-controls="lb" aria-expanded="true">Fruit</button>
      <div role="listbox" id="lb"><div role="option">Apple</div><div role="option">Pear</div></div>`);
    click($('button'));
    const pear = $('[role=option]:nth-of-type(2)');
    pointer('pointerdown', pear, { shiftKey: true });
    pear.parentElement!.remove(); // the library commits on pointerup and removes the popup
    pointer('pointerup', document.body);
    vi.runAllTimers();
    const select = h.after()[1]!;
    expect(select).toMatchObject({ type: 'select', value: { label: 'Pear' }, control: { name: 'Fruit' }, modifiers: ['Shift'] });
    expect(h.after()).toHaveLength(2);
  });

  it('the click that follows a pointerdown on a choice does not make a second action', () => {
    vi.useFakeTimers();
    const h = capture('<div role="listbox"><div role="option">Apple</div></div>');
    press($('[role=option]'));
    vi.runAllTimers();
    expect(h.after().map((a) => a.type)).toEqual(['select']);
  });
});

describe('one keyboard gesture, one action', () => {
  it('Enter on a button: the click the browser makes is the one action, via keyboard (no key Enter)', () => {
    vi.useFakeTimers();
    const h = capture('<button>Save</button>');
    key($('button'), 'Enter');
    click($('button'), { detail: 0 });
    vi.runAllTimers();
    expect(h.after()).toEqual([
      expect.objectContaining({ type: 'click', via: 'keyboard', target: expect.objectContaining({ name: 'Save' }) }),
    ]);
  });

  it('Enter on a tab the library handles itself (no click): one click via keyboard from the keydown', () => {
    vi.useFakeTimers();
    const h = capture('<div role="tablist"><div role="tab" tabindex="0">History</div></div>');
    key($('[role=tab]'), 'Enter');
    vi.runAllTimers();
    expect(h.after()).toEqual([
      expect.objectContaining({ type: 'click', via: 'keyboard', target: expect.objectContaining({ role: 'tab', name: 'History' }) }),
    ]);
  });

  it('Enter inside a multi-line editor is typing: one type for the visit, its final length counting the line break', () => {
    const h = capture('<div contenteditable="true" aria-label="Notes" role="textbox"></div><button>Save</button>');
    const editor = $('[contenteditable]');
    editor.innerHTML = '<p>Hello</p>';
    editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
    key(editor, 'Enter');
    editor.innerHTML = '<p>Hello</p><p>World</p>';
    editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
    click($('button'));
    expect(h.after().map((a) => a.type)).toEqual(['type', 'click']);
    expect(h.after()[0]!.value).toEqual({ kind: 'masked', length: 11 });
  });

  it('Enter in a single-line field stays a key, and the implicit-submit click it makes is not from the person', () => {
    const h = capture('<form aria-label="Find"><input id="q" type="search"><button>Go</button></form>');
    key($('#q'), 'Enter');
    click($('button'), { detail: 0 });
    expect(h.after().map((a) => a.type)).toEqual(['key', 'submit']);
  });
});

describe('choices without roles, dates, cascaders', () => {
  it('an item with a title in the portal a combobox just opened is a select naming the combobox', () => {
    const h = capture(`<div id="root"><label for="cc">Cost center</label><input id="cc" role="combobox" readonly aria-expanded="true"></div>
      <div class="dropdown"><div class="item" title="Engineering"><div>Engineering</div></div><div class="item" title="Research"><div>Research</div></div></div>`);
    click($('#cc'));
    press($('[title=Research] div'));
    expect(h.after()[1]).toMatchObject({
      type: 'select',
      value: { kind: 'label', label: 'Research' },
      control: { role: 'combobox', name: 'Cost center' },
    });
  });

  it('a day cell is a select of the day the person saw, with the machine-readable date', () => {
    const h = capture(`<div id="root"><label for="d">Expense date</label><input id="d"></div>
      <div class="picker"><div tabindex="0"><table><tbody><tr><td title="2024-03-14"><div>14</div></td><td title="2024-03-15"><div>15</div></td></tr></tbody></table></div></div>`);
    click($('#d'));
    press($('td[title="2024-03-15"] div'));
    expect(h.after()[1]).toMatchObject({ type: 'select', value: { label: '15', date: '2024-03-15' }, control: { name: 'Expense date' } });
  });

  it('a cascader: levels are clicks, the leaf one select whose label is the path; no check for menuitemcheckbox', () => {
    const h = capture(`<div id="root"><input id="o" role="combobox" aria-label="Office" aria-expanded="true"></div>
      <div class="dropdown"><div class="menus">
        <ul role="menu"><li role="menuitemcheckbox" aria-checked="false" class="item item-expand item-active" title="Europe">Europe <span role="img" aria-label="right"></span></li></ul>
        <ul role="menu"><li role="menuitemcheckbox" aria-checked="false" class="item item-expand item-active" title="Germany">Germany <span role="img" aria-label="right"></span></li></ul>
        <ul role="menu"><li role="menuitemcheckbox" aria-checked="false" class="item" title="Berlin">Berlin</li></ul>
      </div></div>`);
    click($('#o'));
    press($('[title=Europe]'));
    press($('[title=Germany]'));
    press($('[title=Berlin]'));
    expect(h.after().map((a) => `${a.type} ${a.target!.name}`)).toEqual(['click Office', 'click Europe', 'click Germany', 'select Berlin']);
    expect(h.after()[3]).toMatchObject({ value: { label: 'Europe > Germany > Berlin' }, control: { role: 'combobox', name: 'Office' } });
  });

  it('a menu item names the menu button and takes its row', () => {
    const h = capture(`<table><tbody><tr><td>EX-1003</td><td><button aria-haspopup="menu" id="b">Actions</button></td></tr></tbody></table>
      <div class="portal"><ul role="menu"><li role="menuitem">Archive</li></ul></div>`);
    click($('#b'));
    press($('[role=menuitem]'));
    const select = h.after()[1]!;
    expect(select).toMatchObject({
      type: 'select',
      value: { label: 'Archive' },
      control: { name: 'Actions', ancestors: [{ role: 'row', name: 'EX-1003' }] },
    });
    expect(select.target!.ancestors).toEqual([{ role: 'row', name: 'EX-1003' }]);
  });

  it('a hidden native mirror of a custom select makes no action; a visible select names itself as control', () => {
    const h = capture(
      '<select aria-hidden="true" id="mirror"><option>A</option><option>B</option></select><label for="s">Size</label><select id="s"><option>S</option><option>M</option></select>',
    );
    $<HTMLSelectElement>('#mirror').selectedIndex = 1;
    $('#mirror').dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLSelectElement>('#s').selectedIndex = 1;
    $('#s').dispatchEvent(new Event('change', { bubbles: true }));
    expect(h.after()).toEqual([
      expect.objectContaining({ type: 'select', value: { kind: 'label', label: 'M' }, control: expect.objectContaining({ name: 'Size' }) }),
    ]);
  });
});

describe('grounding facts', () => {
  it('the first action carries the viewport, and the next action after it changed', () => {
    const h = capture('<button>Go</button>');
    click($('button'));
    Object.defineProperty(window, 'innerWidth', { value: 640, configurable: true });
    click($('button'));
    click($('button'));
    const carrying = h.actions.filter((a) => a.viewport);
    expect(carrying[0]).toBe(h.actions[0]);
    expect(carrying).toHaveLength(2);
    expect(carrying[1]!.viewport).toMatchObject({ width: 640, devicePixelRatio: expect.any(Number) });
  });
});

describe('submenus and type-ahead', () => {
  it('a choice in a submenu: one select whose label is the path, naming the menu button', () => {
    const h = capture(`<button id="more" aria-haspopup="menu" aria-controls="m">More</button>
      <div class="portal"><ul role="menu" id="m"><li role="menuitem" aria-haspopup="menu" aria-expanded="true" aria-controls="sub">Export</li></ul>
      <ul role="menu" id="sub"><li role="menuitem">CSV</li></ul></div>`);
    click($('#more'));
    press($('#sub li'));
    expect(h.after()[1]).toMatchObject({ type: 'select', value: { label: 'Export > CSV' }, control: { name: 'More' } });
  });

  it('type-ahead on a closed select button that changes its value is a select via keyboard', () => {
    vi.useFakeTimers();
    const h = capture('<button role="combobox" aria-expanded="false" aria-label="Fruit"><span>Apple</span></button>');
    const button = $('button');
    key(button, 'p');
    button.querySelector('span')!.textContent = 'Pear';
    vi.runAllTimers();
    expect(h.after()).toEqual([
      expect.objectContaining({
        type: 'select',
        value: { kind: 'label', label: 'Pear' },
        via: 'keyboard',
        control: expect.objectContaining({ name: 'Fruit' }),
      }),
    ]);
    key(button, 'q'); // nothing changes: no action
    vi.runAllTimers();
    expect(h.after()).toHaveLength(1);
  });
});
