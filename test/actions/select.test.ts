// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { $, capture, change, cleanup, click, key } from './helpers';

afterEach(cleanup);

const COMBOBOX = `
  <label id="fruit-label">Fruit</label>
  <input id="fruit" role="combobox" aria-labelledby="fruit-label" aria-controls="fruits" aria-expanded="true" aria-activedescendant="">
  <ul id="fruits" role="listbox" aria-label="Fruits">
    <li id="opt-apple" role="option" data-value="a-1">Apple</li>
    <li id="opt-pear" role="option" data-value="p-2"><svg></svg> Pear</li>
  </ul>`;

describe('select capture', () => {
  it('a native select records the option label, never its value attribute', () => {
    const h = capture(`<label for="country">Country</label>
      <select id="country"><option value="xx-hidden-1">France</option><option value="xx-hidden-2" label="Deutschland">Germany</option></select>`);
    const select = $<HTMLSelectElement>('select');
    select.selectedIndex = 1;
    change(select);
    expect(h.after()).toEqual([
      expect.objectContaining({
        type: 'select',
        value: { kind: 'label', label: 'Deutschland' },
        target: expect.objectContaining({ tag: 'select', role: 'combobox', label: 'Country' }),
      }),
    ]);
    expect(JSON.stringify(h.actions)).not.toContain('xx-hidden');
  });

  it('a multiple select joins the chosen labels', () => {
    const h = capture('<select multiple aria-label="Tags"><option>Red</option><option>Green</option><option>Blue</option></select>');
    const options = $<HTMLSelectElement>('select').options;
    options[0]!.selected = true;
    options[2]!.selected = true;
    change($('select'));
    expect(h.after()[0]!.value).toEqual({ kind: 'label', label: 'Red, Blue' });
  });

  it('a click on an ARIA option in a listbox is a select of its accessible name, not a click', () => {
    const h = capture(COMBOBOX);
    click($('#opt-pear svg'));
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).toMatchObject({
      type: 'select',
      value: { kind: 'label', label: 'Pear' },
      target: { role: 'option', name: 'Pear', hit: { tag: 'svg' } },
    });
    expect(h.after()[0]!.target!.selectors[0]).toMatchObject({ kind: 'role', value: 'role=option[name="Pear"]', matches: 1 });
    expect(JSON.stringify(h.actions)).not.toContain('p-2');
  });

  it('Enter on a combobox with aria-activedescendant selects that option (target = the option)', () => {
    const h = capture(COMBOBOX);
    $('#fruit').setAttribute('aria-activedescendant', 'opt-apple');
    key($('#fruit'), 'Enter');
    const select = h.after().find((a) => a.type === 'select');
    expect(select).toMatchObject({ value: { kind: 'label', label: 'Apple' }, target: { tag: 'li', role: 'option', name: 'Apple' } });
    // One gesture, one action: the choice (no `key` Enter besides it), made by keyboard, naming its combobox.
    expect(h.after().map((a) => a.type)).toEqual(['select']);
    expect(select).toMatchObject({ via: 'keyboard', control: { role: 'combobox', name: 'Fruit' } });
  });

  it('Space in an editable combobox types a space: no select', () => {
    const h = capture(COMBOBOX);
    $('#fruit').setAttribute('aria-activedescendant', 'opt-apple');
    key($('#fruit'), ' ');
    expect(h.after()).toEqual([]);
  });

  it('Enter or Space on a focused option selects it; other keys and repeats do not', () => {
    const h = capture(
      '<div role="listbox" aria-label="Size"><div role="option" tabindex="0">Small</div><div role="option" tabindex="-1">Large</div></div>',
    );
    const [small, large] = document.querySelectorAll('[role=option]');
    key(small!, 'ArrowDown');
    key(large!, ' ');
    key(large!, ' ', { repeat: true });
    expect(h.after()).toEqual([expect.objectContaining({ type: 'select', value: { kind: 'label', label: 'Large' } })]);
  });

  it('a menuitem in a menu is a select; a menubar item (opens a menu) is a click', () => {
    const h = capture(`<div role="menubar"><div role="menuitem" aria-haspopup="menu" tabindex="0">File</div></div>
      <div role="menu"><div role="menuitem" tabindex="-1">Rename…</div></div>`);
    click($('[role=menubar] [role=menuitem]'));
    click($('[role=menu] [role=menuitem]'));
    expect(h.after().map((a) => [a.type, a.target?.name])).toEqual([
      ['click', 'File'],
      ['select', 'Rename…'],
    ]);
  });

  it('a click on a native <option> is left to the select change', () => {
    const h = capture('<select size="3" aria-label="L"><option>One</option><option>Two</option></select>');
    click($('option'));
    expect(h.after()).toEqual([]);
  });
});
