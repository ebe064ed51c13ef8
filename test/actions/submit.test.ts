// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { $, capture, cleanup, click, key, typeInto, SIGN_IN } from './helpers';

afterEach(cleanup);

describe('submit capture', () => {
  it('a click on the submit button: click, then submit targeting that button (form in ancestors)', () => {
    const h = capture(SIGN_IN);
    click($('button'));
    expect(h.after().map((a) => a.type)).toEqual(['click', 'submit']);
    expect(h.after()[1]!.target).toMatchObject({ tag: 'button', name: 'Sign in', ancestors: [{ role: 'form', name: 'Sign in' }] });
  });

  it('submit via Enter: type, key Enter, submit (form target without a submitter)', () => {
    const h = capture(SIGN_IN);
    const password = $<HTMLInputElement>('#password');
    typeInto(password, 'pw');
    key(password, 'Enter');
    // happy-dom has no implicit submission; the browser would submit here. requestSubmit() has no submitter.
    $<HTMLFormElement>('form').requestSubmit();
    expect(h.after().map((a) => a.type)).toEqual(['type', 'key', 'submit']);
    expect(h.after()[2]!.target).toMatchObject({ tag: 'form', role: 'form', name: 'Sign in' });
    expect(h.after()[2]!.target!.selectors.find((s) => s.kind === 'css')).toEqual({ kind: 'css', value: '#signin', matches: 1 });
  });
});
