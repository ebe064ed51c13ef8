// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { keyName } from '../../lib/actions/listeners/key-name';
import { $, capture, cleanup, key } from './helpers';

afterEach(cleanup);

const kd = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

describe('key capture', () => {
  it('records Escape, Tab, Shift+Tab, Enter and Ctrl/Meta shortcuts with the focused target', () => {
    const h = capture('<input id="q" aria-label="Search">');
    const q = $('#q');
    key(q, 'Escape');
    key(q, 'Tab');
    key(q, 'Tab', { shiftKey: true });
    key(q, 'k', { ctrlKey: true });
    key(q, 'K', { ctrlKey: true, shiftKey: true });
    key(q, 'Enter', { metaKey: true });
    expect(h.after().map((a) => a.key)).toEqual(['Escape', 'Tab', 'Shift+Tab', 'Control+K', 'Control+Shift+K', 'Meta+Enter']);
    expect(h.after()[0]).toMatchObject({ type: 'key', target: { tag: 'input', name: 'Search' } });
  });

  it('never records a plain printable key, Shift+letter, or Alt/AltGr characters', () => {
    const h = capture('<input id="q">');
    key($('#q'), 'a');
    key($('#q'), 'A', { shiftKey: true });
    key($('#q'), 'å', { altKey: true });
    key($('#q'), '@', { ctrlKey: true, altKey: true }); // AltGr on Windows
    key($('#q'), ' ');
    expect(h.after()).toEqual([]);
  });

  it('ignores auto-repeat, modifier-only presses and IME composition', () => {
    const h = capture('<input id="q">');
    key($('#q'), 'Enter', { repeat: true });
    key($('#q'), 'Control', { ctrlKey: true });
    key($('#q'), 'Shift', { shiftKey: true });
    key($('#q'), 'Enter', { isComposing: true });
    expect(h.after()).toEqual([]);
  });

  it('a key on the page body has target null', () => {
    const h = capture('<p>x</p>');
    key(document.body, 'Escape');
    expect(h.after()).toEqual([expect.objectContaining({ type: 'key', key: 'Escape', target: null })]);
  });

  it('keyName formatting', () => {
    expect(keyName(kd({ key: ' ', ctrlKey: true }))).toBe('Control+Space');
    expect(keyName(kd({ key: 'ArrowDown', metaKey: true, altKey: true }))).toBe('Alt+Meta+ArrowDown');
    expect(keyName(kd({ key: 'Delete', ctrlKey: true, altKey: true }))).toBe('Control+Alt+Delete');
    expect(keyName(kd({ key: 'ArrowDown' }))).toBeNull();
    expect(keyName(kd({ key: 'F5' }))).toBeNull();
    expect(keyName(kd({ key: 'Unidentified', ctrlKey: true }))).toBeNull();
  });
});
