// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { $, capture, cleanup, click, key, typeInto, SIGN_IN } from './helpers';

afterEach(cleanup);

describe('submit capture', () => {
  it('a click on the submit button: click, then submit targeting the form and naming the button', () => {
    const h = capture(SIGN_IN);
    click($('button'));
    expect(h.after().map((a) => a.type)).toEqual(['click', 'submit']);
    expect(h.after()[1]).toMatchObject({
      target: { tag: 'form', role: 'form', name: 'Sign in' },
      submitter: { tag: 'button', role: 'button', name: 'Sign in', nodeId: h.ids.get($('button')) },
    });
  });

  it('a form without a name is still the form (role form)', () => {
    const h = capture('<form><button>Go</button></form>');
    click($('button'));
    expect(h.after()[1]).toMatchObject({ type: 'submit', target: { tag: 'form', role: 'form', name: '' }, submitter: { name: 'Go' } });
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
