// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../server/viewer/web/session/shortcuts';

const key = (k: string, target: EventTarget | null = document.body, mods: Partial<KeyboardEvent> = {}) =>
  shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods });

describe('the session page shortcuts', () => {
  it('maps Space, the arrows, f, ? and Esc to their commands', () => {
    expect([' ', 'ArrowLeft', 'ArrowRight', 'f', '?', 'Escape'].map((k) => key(k))).toEqual([
      'play-pause',
      'previous-action',
      'next-action',
      'full-size',
      'help',
      'close',
    ]);
    expect(key('x')).toBeNull();
    expect(key('f', document.body, { ctrlKey: true })).toBeNull();
  });

  it('leaves keys to the element that uses them: typing, the slider, a button pressed with Space', () => {
    const input = document.createElement('input');
    const slider = Object.assign(document.createElement('input'), { type: 'range' });
    const button = document.createElement('button');
    const list = Object.assign(document.createElement('div'), { role: 'listbox' });
    expect(key('f', input)).toBeNull();
    expect(key('ArrowRight', slider)).toBeNull();
    expect(key(' ', button)).toBeNull();
    // A button does not use letters or arrows, and the action list uses neither Space nor ←/→.
    expect(key('ArrowRight', button)).toBe('next-action');
    expect(key(' ', list)).toBe('play-pause');
    expect(key('Escape', input)).toBe('close');
  });
});
