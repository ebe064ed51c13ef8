// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeTarget } from '../../lib/actions/target/describe-target';
import { accessibleName } from '../../lib/actions/target/accessible-name';
import { resolveTarget } from '../../lib/actions/target/resolve-target';
import { $, capture, cleanup, click, SIGN_IN } from './helpers';

afterEach(cleanup);
const ids = { nodeId: () => 1 };

describe('describeTarget', () => {
  it('a sign-in email field: role, name, label, placeholder, inputType, form ancestor', () => {
    document.body.innerHTML = SIGN_IN;
    expect(describeTarget(ids, $('#email'))).toMatchObject({
      tag: 'input',
      role: 'textbox',
      name: 'Email',
      label: 'Email',
      placeholder: 'you@example.com',
      inputType: 'email',
      ancestors: [{ role: 'form', name: 'Sign in' }], // <main> is unnamed: left out
    });
    expect(describeTarget(ids, $('#password'))).toMatchObject({ role: null, inputType: 'password', name: 'Password' });
  });

  it('ancestors: named dialog, region, navigation; innermost first; max 4', () => {
    document.body.innerHTML = `
      <nav aria-label="Primary"><main aria-label="Content"><section aria-label="Billing">
        <div role="dialog" aria-labelledby="t"><h2 id="t">Edit card</h2>
          <form aria-label="Card"><div role="region"><button>Save</button></div></form>
        </div>
      </section></main></nav>`;
    expect(describeTarget(ids, $('button')).ancestors).toEqual([
      { role: 'form', name: 'Card' },
      { role: 'dialog', name: 'Edit card' },
      { role: 'region', name: 'Billing' },
      { role: 'main', name: 'Content' },
    ]);
  });

  it('names never include a value typed into an embedded control', () => {
    document.body.innerHTML = `
      <button id="b1">Go <input value="typed-1"></button>
      <span id="lb">Qty <input value="typed-2"></span><button id="b2" aria-labelledby="lb"></button>
      <label>Amount <input id="amount" value="typed-3"></label>
      <label>Note <textarea id="note">typed-4</textarea> for <input id="other" value="typed-5"></label>
      <div id="ce" contenteditable="true">typed-6</div>
      <div id="rt" role="textbox" aria-label="Comment">typed-7</div>
      <table><tr role="row" id="row"><td>Ada <input value="typed-8"></td></tr></table>
      <div id="self" contenteditable="true" aria-labelledby="self">typed-9</div>
      <div id="rt2" role="textbox" aria-labelledby="inner"><span id="inner">typed-10</span></div>
      <span id="ed-label"><span contenteditable="true">typed-11</span> Title</span><button id="b3" aria-labelledby="ed-label"></button>`;
    const ids = ['b1', 'b2', 'amount', 'note', 'ce', 'rt', 'row', 'self', 'rt2', 'b3'];
    const names = ids.map((id) => accessibleName($(`#${id}`)));
    expect(names).toEqual(['Go', 'Qty', 'Amount', 'Note for', '', 'Comment', 'Ada', '', '', 'Title']);
    expect(JSON.stringify(names)).not.toContain('typed');
  });

  it('plain names still come from dom-accessibility-api', () => {
    document.body.innerHTML = '<a href="/x"><img alt="Home"> page</a><div role="button" aria-label="Menu">☰</div>';
    expect(accessibleName($('a'))).toBe('Home page');
    expect(accessibleName($('[role=button]'))).toBe('Menu');
  });

  it('long names are truncated to 500', () => {
    document.body.innerHTML = `<button>${'x'.repeat(900)}</button>`;
    expect(describeTarget(ids, $('button')).name).toHaveLength(500);
  });

  it('resolveTarget climbs from a text node to the button, and to [tabindex] but not tabindex=-1', () => {
    document.body.innerHTML = `
      <button><span>Save</span></button>
      <div tabindex="0" id="card"><p>Card</p></div>
      <div tabindex="-1" role="dialog"><p id="plain">Text</p></div>`;
    const textNode = $('span').firstChild!;
    const ev = new MouseEvent('click');
    Object.defineProperty(ev, 'target', { value: textNode });
    expect(resolveTarget(ev)).toMatchObject({ target: $('button'), hit: $('span') });
    let seen: ReturnType<typeof resolveTarget> = null;
    document.addEventListener('click', (e) => (seen = resolveTarget(e)), { once: true });
    click($('#card p'));
    expect(seen).toMatchObject({ target: $('#card') });
    document.addEventListener('click', (e) => (seen = resolveTarget(e)), { once: true });
    click($('#plain'));
    expect(seen).toMatchObject({ target: $('#plain') });
  });

  it('a click inside a named dialog carries it', () => {
    const h = capture('<div role="dialog" aria-label="Delete file?"><button>Delete</button></div>');
    click($('button'));
    expect(h.after()[0]!.target!.ancestors).toEqual([{ role: 'dialog', name: 'Delete file?' }]);
  });

  it('a click on the page background (body) is described without querying the page', () => {
    const h = capture(
      '<main><h1>Expenses</h1><table><tbody><tr><td><input aria-label="Memo"></td><td><button>Actions</button></td></tr></tbody></table></main>',
    );
    const queried: string[] = [];
    const spies = [Element.prototype, Document.prototype].flatMap((proto) =>
      (['querySelector', 'querySelectorAll'] as const).map((name) => {
        const original = proto[name] as (this: ParentNode, s: string) => unknown;
        const spy = vi.spyOn(proto, name).mockImplementation(function (this: ParentNode, selector: string) {
          if (this === document || this === document.documentElement || this === document.body) queried.push(selector);
          return original.call(this, selector);
        } as never);
        return spy;
      }),
    );
    try {
      click(document.body);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const target = h.after()[0]!.target!;
    expect(target.tag).toBe('body');
    expect(target.selectors.find((s) => s.kind === 'css')).toEqual({ kind: 'css', value: 'body', matches: 1 });
    expect(queried).toEqual([]);
  });

  it('a landmark is named from its attributes, never from what lies inside it', () => {
    document.body.innerHTML = '<main aria-label="Report"><span data-webtrace-mask>Ann Other</span><button>Save</button></main>';
    expect(describeTarget(ids, $('main'))).toMatchObject({ role: 'main', name: 'Report' });
    document.body.innerHTML = '<main><button>Save</button></main>';
    expect(describeTarget(ids, $('main'))).toMatchObject({ role: 'main', name: '' });
  });
});
