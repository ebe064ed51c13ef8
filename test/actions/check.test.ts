// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, capture, cleanup, click, dblclick } from './helpers';

afterEach(cleanup);

/** The page's own ARIA checkbox behaviour: flip aria-checked on click (bubble phase, after capture). */
function ariaToggle(el: Element): void {
  el.addEventListener('click', () => el.setAttribute('aria-checked', String(el.getAttribute('aria-checked') !== 'true')));
}

describe('check capture', () => {
  it('a click on a checkbox label gives one check and no click', () => {
    const h = capture('<label><span>Remember me</span> <input type="checkbox" name="remember"></label>');
    click($('span'));
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).toMatchObject({
      type: 'check',
      checked: true,
      target: { tag: 'input', role: 'checkbox', name: 'Remember me', inputType: 'checkbox' },
    });
    click($('input'));
    expect(h.after().map((a) => [a.type, a.checked])).toEqual([
      ['check', true],
      ['check', false],
    ]);
  });

  it('a label with for= pointing at a radio', () => {
    const h = capture(
      '<input type="radio" name="plan" id="pro"><label for="pro">Pro</label><input type="radio" name="plan" id="free" checked>',
    );
    click($('label'));
    expect(h.after()).toEqual([
      expect.objectContaining({ type: 'check', checked: true, target: expect.objectContaining({ name: 'Pro' }) }),
    ]);
  });

  it('role=checkbox: the state is read after the page flipped it', () => {
    const h = capture('<div role="checkbox" aria-checked="false" tabindex="0">Notify me</div>');
    ariaToggle($('div'));
    click($('div'));
    expect(h.after()).toEqual([]); // not yet: the page's handler runs after our capture listener
    vi.advanceTimersByTime(0);
    expect(h.after()).toEqual([
      expect.objectContaining({ type: 'check', checked: true, target: expect.objectContaining({ role: 'checkbox', name: 'Notify me' }) }),
    ]);
  });

  it('role=switch and menuitemcheckbox; no click actions for them', () => {
    const h = capture(
      '<button role="switch" aria-checked="true">Wi-Fi</button><div role="menu"><div role="menuitemcheckbox" aria-checked="false">Bold</div></div>',
    );
    ariaToggle($('[role=switch]'));
    ariaToggle($('[role=menuitemcheckbox]'));
    click($('[role=switch]'));
    click($('[role=menuitemcheckbox]'));
    vi.runAllTimers();
    expect(h.after().map((a) => [a.type, a.target?.role, a.checked])).toEqual([
      ['check', 'switch', false],
      ['check', 'menuitemcheckbox', true],
    ]);
  });

  it('a pending state read is flushed before the next action', () => {
    const h = capture('<div role="checkbox" aria-checked="false">A</div><button>Next</button>');
    ariaToggle($('div'));
    click($('div'));
    click($('button'));
    expect(h.after().map((a) => a.type)).toEqual(['check', 'click']);
    expect(h.after()[0]!.checked).toBe(true);
  });

  it('aria-checked="mixed" leaves checked out', () => {
    const h = capture('<div role="checkbox" aria-checked="mixed">All</div>');
    click($('div'));
    vi.runAllTimers();
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).not.toHaveProperty('checked');
  });

  it('a double click on a checkbox gives two checks and no double click', () => {
    const h = capture('<input type="checkbox" aria-label="x">');
    dblclick($('input'));
    expect(h.after().map((a) => [a.type, a.checked])).toEqual([
      ['check', true],
      ['check', false],
    ]);
  });
});
