// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { $, blur, capture, change, cleanup, click, key, typeInto, SIGN_IN } from './helpers';

afterEach(cleanup);

describe('type capture', () => {
  it('10 input events then blur: exactly one type action, length 10, no typed text anywhere', () => {
    const h = capture(SIGN_IN);
    const email = $<HTMLInputElement>('#email');
    typeInto(email, 'qz7@wx.io!');
    expect(h.after()).toEqual([]); // nothing while typing
    blur(email);
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).toMatchObject({
      type: 'type',
      value: { kind: 'masked', length: 10 },
      target: { name: 'Email', inputType: 'email' },
    });
    const json = JSON.stringify(h.actions);
    for (const fragment of ['qz7', 'wx.io']) expect(json).not.toContain(fragment);
  });

  it('a password field records only its length', () => {
    const h = capture(SIGN_IN);
    typeInto($<HTMLInputElement>('#password'), 'correct horse');
    blur($('#password'));
    expect(h.after()).toEqual([expect.objectContaining({ type: 'type', value: { kind: 'masked', length: 13 } })]);
    expect(h.after()[0]!.target).toMatchObject({ inputType: 'password', label: 'Password' });
    expect(JSON.stringify(h.actions)).not.toMatch(/correct|horse/);
  });

  it('the final length is recorded (deletions count)', () => {
    const h = capture('<textarea aria-label="Bio"></textarea>');
    const ta = $<HTMLTextAreaElement>('textarea');
    typeInto(ta, 'hello world');
    ta.value = 'hello';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
    change(ta);
    blur(ta);
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]).toMatchObject({ value: { kind: 'masked', length: 5 }, target: { tag: 'textarea', name: 'Bio' } });
  });

  it('is flushed before any other action, so order stays right', () => {
    const h = capture(SIGN_IN);
    typeInto($<HTMLInputElement>('#email'), 'a@b.c');
    key($('#email'), 'Enter');
    expect(h.after().map((a) => a.type)).toEqual(['type', 'key']);
  });

  it('moving to another field flushes the first', () => {
    const h = capture(SIGN_IN);
    typeInto($<HTMLInputElement>('#email'), 'abc');
    typeInto($<HTMLInputElement>('#password'), 'secret');
    h.stop();
    expect(h.after().map((a) => [a.target?.inputType, a.value])).toEqual([
      ['email', { kind: 'masked', length: 3 }],
      ['password', { kind: 'masked', length: 6 }],
    ]);
  });

  it('contenteditable: length is the text content length, target the editing host', () => {
    const h = capture('<div id="editor" contenteditable="true" aria-label="Message"><p>Hi <b>there</b></p></div>');
    $('b').dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    blur($('#editor'));
    expect(h.after()).toEqual([
      expect.objectContaining({
        type: 'type',
        value: { kind: 'masked', length: 8 },
        target: expect.objectContaining({ tag: 'div', name: 'Message' }),
      }),
    ]);
    expect(JSON.stringify(h.actions)).not.toContain('there');
  });

  it('input events on checkboxes, selects and ranges are not typing', () => {
    const h = capture('<input type="checkbox"><select><option>A</option></select><input type="range">');
    for (const el of document.querySelectorAll('input, select')) el.dispatchEvent(new Event('input', { bubbles: true }));
    h.stop();
    expect(h.after()).toEqual([]);
  });

  it('a click elsewhere ends the typing first', () => {
    const h = capture(SIGN_IN);
    typeInto($<HTMLInputElement>('#email'), 'abcd');
    click($('button')); // 'abcd' is not an email: the form does not submit
    expect(h.after().map((a) => a.type)).toEqual(['type', 'click']);
  });
});
