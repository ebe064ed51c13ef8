// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyPolicy } from '../../lib/privacy/policy';
import type { Action } from '../../lib/schema/action';
import { $, blur, capture, change, cleanup, click, typeInto } from './helpers';

afterEach(cleanup);

const POLICY: PrivacyPolicy = { maskAllText: false, blockSelector: '.vault', maskTextSelector: '.pii' };
const last = (actions: Action[]) => actions[actions.length - 1]!;
/** Every string of the action, to check no text from a region slipped into some field. */
const strings = (a: Action) => JSON.stringify(a);

describe('actions in blocked regions keep the role and no text', () => {
  it('data-webtrace-block: no name, label, placeholder, test id, nor text in selectors', () => {
    const h = capture(`
      <section data-webtrace-block>
        <label for="acct">Account blk-label</label>
        <input id="acct" placeholder="blk-placeholder" data-testid="blk-testid" aria-label="blk-aria">
        <button aria-label="blk-button">blk-text</button>
      </section>`);
    click($('button'));
    const a = last(h.after());
    expect(a.target).toMatchObject({ tag: 'button', role: 'button', name: '' });
    expect(a.target!.selectors.map((s) => s.kind)).toContain('xpath');
    expect(a.target!.selectors.find((s) => s.kind === 'role')!.value).toBe('role=button');
    typeInto($<HTMLInputElement>('#acct'), 'x');
    blur($('#acct'));
    const t = last(h.after());
    expect(t).toMatchObject({ type: 'type', target: { role: 'textbox', name: '' } });
    expect(t.target!.label).toBeUndefined();
    expect(t.target!.placeholder).toBeUndefined();
    expect(t.target!.testId).toBeUndefined();
    for (const action of h.actions) expect(strings(action)).not.toMatch(/blk-/);
  });

  it('the admin block selector, across a shadow root', () => {
    const h = capture('<div class="vault" id="host"></div>', { privacy: POLICY });
    const root = $('#host').attachShadow({ mode: 'open' });
    root.innerHTML = '<button>Transfer vault-secret</button>';
    click(root.querySelector('button')!);
    expect(last(h.after()).target).toMatchObject({ role: 'button', name: '' });
    expect(strings(last(h.after()))).not.toContain('vault-secret');
  });

  it('a blocked dialog gives no context; its name is not taken', () => {
    const h = capture('<div role="dialog" aria-label="Dlg secret" data-webtrace-block><button>Ok</button></div>');
    click($('button'));
    expect(last(h.after()).target!.ancestors).toEqual([]);
  });
});

describe('actions in masked regions carry masked text', () => {
  it('data-webtrace-mask and the admin mask selector', () => {
    const h = capture('<div data-webtrace-mask><button>Ada Lovelace</button></div><p class="pii"><a href="#x">Bob Smith</a></p>', {
      privacy: POLICY,
    });
    click($('button'));
    expect(last(h.after()).target).toMatchObject({ name: '*** ********' });
    expect(last(h.after()).target!.selectors.find((s) => s.kind === 'role')!.value).toBe('role=button');
    click($('a'));
    expect(last(h.after()).target).toMatchObject({ role: 'link', name: '*** *****' });
  });

  it('a control outside a region named from text inside one: masked part masked, blocked part left out', () => {
    const h = capture(`
      <button id="pay">Pay <span data-webtrace-mask>Ada</span> now</button>
      <button id="send">Send <span data-webtrace-block>to Bob</span></button>
      <span id="lbl" data-webtrace-mask>Carol</span><button id="ref" aria-labelledby="lbl"></button>
      <label data-webtrace-mask>Dave <input id="field"></label>`);
    click($('#pay'));
    expect(last(h.after()).target!.name).toBe('Pay *** now');
    click($('#send'));
    expect(last(h.after()).target!.name).toBe('Send');
    click($('#ref'));
    expect(last(h.after()).target!.name).toBe('*****');
    click($('#field'));
    expect(last(h.after()).target).toMatchObject({ name: '****', label: '****' });
  });

  it('links inside an editable region are typed text; the editor itself is named by its label', () => {
    const h = capture('<div contenteditable="true" aria-label="Message"><a href="#a" title="typed-title">typed-link-text</a></div>');
    click($('a'));
    expect(strings(last(h.after()))).not.toContain('typed-');
    click($('[contenteditable]'));
    expect(last(h.after()).target!.name).toBe('Message');
  });

  it('a native select in a masked region: the chosen label is masked; a popup option in a blocked one has none', () => {
    const h = capture(
      `
      <div class="pii"><select aria-label="Patient"><option>Ada</option><option>Bob</option></select></div>
      <ul role="listbox" aria-label="People" data-webtrace-block><li role="option">Carol</li></ul>`,
      { privacy: POLICY },
    );
    const select = $<HTMLSelectElement>('select');
    select.selectedIndex = 1;
    change(select);
    expect(last(h.after()).value).toEqual({ kind: 'label', label: '***' });
    click($('li'));
    expect(last(h.after())).toMatchObject({ type: 'select', value: { kind: 'label', label: '' }, target: { role: 'option', name: '' } });
  });
});

describe('text masking mode', () => {
  const html = `<form aria-label="Shipping"><label for="c">City</label><input id="c"><button>Save address</button></form><p id="plain">Some text</p>`;

  it('masks every name, label and ancestor by default', () => {
    const h = capture(html, { privacy: { ...POLICY, maskAllText: true } });
    click($('button'));
    const [clicked, submitted] = h.after();
    expect(clicked!.target).toMatchObject({ role: 'button', name: '**** *******', ancestors: [{ role: 'form', name: '********' }] });
    expect(submitted).toMatchObject({ type: 'submit', target: { role: 'form', name: '********' }, submitter: { name: '**** *******' } });
    typeInto($<HTMLInputElement>('#c'), 'Paris');
    blur($('#c'));
    expect(last(h.after()).target).toMatchObject({ name: '****', label: '****' });
  });

  it('keeps the names of interactive controls when the policy allows it; other text stays masked', () => {
    const h = capture(html, { privacy: { ...POLICY, maskAllText: true, keepControlNames: true } });
    click($('button'));
    const clicked = h.after().find((a) => a.type === 'click')!;
    expect(clicked.target).toMatchObject({ role: 'button', name: 'Save address', ancestors: [{ role: 'form', name: '********' }] });
    expect(clicked.target!.selectors.find((s) => s.kind === 'role')!.value).toBe('role=button[name="Save address"]');
    click($('#plain'));
    expect(last(h.after()).target!.name).toBe('');
  });
});

describe('without any policy', () => {
  it('open elements keep their text (PII is scrubbed later, by the event scrubber)', () => {
    const h = capture('<button aria-label="Save">Save</button>');
    click($('button'));
    expect(last(h.after()).target).toMatchObject({ name: 'Save' });
    expect(last(h.after()).target!.selectors.find((s) => s.kind === 'css')!.value).toBe('button[aria-label="Save"]');
  });
});
