// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createDomProbe } from '../../lib/privacy/dom-probe';
import { createPagePrivacy } from '../../lib/privacy/page-privacy';
import { pasteGuardPlugin } from '../../lib/privacy/paste-guard';
import type { PrivacyPolicy } from '../../lib/privacy/policy';
import { valueAllowance } from '../../lib/privacy/value-allowance';

const POLICY: PrivacyPolicy = { maskAllText: false, blockSelector: '.admin-block', maskTextSelector: '.admin-mask' };
/** A stand-in for rrweb's mirror: ids are indexes into a list of nodes. */
const mirrorOf = (nodes: Node[]) => ({ getNode: (id: number) => nodes[id] ?? null });
afterEach(() => {
  document.body.innerHTML = '';
});

describe('rrweb options for a page', () => {
  it('rrweb blocks and masks the always-on and admin regions, masks every input, masks all text on request', () => {
    const options = createPagePrivacy(POLICY, mirrorOf([])).rrwebOptions;
    expect(options.blockSelector).toBe('[data-webtrace-block], .admin-block');
    expect(options.maskTextSelector).toBe('[data-webtrace-mask], [contenteditable]:not([contenteditable="false"]), .admin-mask');
    expect(options.maskAllInputs).toBe(false);
    expect(options.maskInputOptions).toMatchObject({ input: true, hidden: true, file: true, textarea: true, select: true });
    expect(options.maskTextFn!('Ada Lovelace', null)).toBe('*** ********');
    expect(createPagePrivacy({ ...POLICY, maskAllText: true }, mirrorOf([])).rrwebOptions.maskTextSelector).toBe('*');
    expect(createPagePrivacy({ ...POLICY, blockSelector: ' ' }, mirrorOf([])).rrwebOptions.blockSelector).toBe('[data-webtrace-block]');
  });

  it('maskInputFn masks values unless the policy allows the field, never for never-captured fields; button labels stay', () => {
    document.body.innerHTML = `<input id="city" class="ok"><input id="pin" class="ok" name="pin"><input id="b" type="submit" value="Send">`;
    const allowing = createPagePrivacy({ ...POLICY, valueCaptureSelector: '.ok' }, mirrorOf([])).rrwebOptions.maskInputFn!;
    const city = document.getElementById('city')!;
    expect(allowing('Paris', city)).toBe('Paris');
    expect(allowing('1234', document.getElementById('pin')!)).toBe('****');
    expect(allowing('Send', document.getElementById('b')!)).toBe('Send');
    expect(createPagePrivacy(POLICY, mirrorOf([])).rrwebOptions.maskInputFn!('Paris', city)).toBe('*****');
  });

  it("an option's value is allowed with its select, so an allowed choice replays", () => {
    document.body.innerHTML = `<select id="size" class="ok"><option value="m">M</option></select><select id="other"><option value="x">X</option></select>`;
    const allow = valueAllowance({ ...POLICY, valueCaptureSelector: '.ok' }, new WeakSet());
    expect(allow(document.querySelector('#size option')!)).toBe(true);
    expect(allow(document.querySelector('#other option')!)).toBe(false);
  });
});

describe('the paste guard', () => {
  it('marks the field something was pasted into, and the editing host of a pasted-into region', () => {
    document.body.innerHTML = `<input id="f"><div id="host" contenteditable="true"><p id="para">x</p></div>`;
    const pasted = new WeakSet<Element>();
    const stop = pasteGuardPlugin(pasted).observer!(() => {}, window as never, null);
    const field = document.getElementById('f')!;
    const allow = valueAllowance({ ...POLICY, valueCaptureSelector: '#f' }, pasted);
    expect(allow(field)).toBe(true);
    field.dispatchEvent(new Event('paste', { bubbles: true, composed: true }));
    expect(pasted.has(field)).toBe(true);
    expect(allow(field)).toBe(false);
    document.getElementById('para')!.dispatchEvent(new Event('paste', { bubbles: true, composed: true }));
    expect(pasted.has(document.getElementById('host')!)).toBe(true);
    stop();
    const other = document.createElement('input');
    document.body.append(other);
    other.dispatchEvent(new Event('paste', { bubbles: true, composed: true }));
    expect(pasted.has(other)).toBe(false); // stopped with the recording
  });
});

describe('the DOM probe', () => {
  it('answers by rrweb id from the live elements; a bad admin selector matches nothing', () => {
    document.body.innerHTML = `<div class="admin-block"></div><p class="admin-mask"></p><input class="ok"><input class="ok" type="password">`;
    const nodes = [document.body, ...document.body.children];
    const probe = createDomProbe(mirrorOf(nodes), POLICY, valueAllowance({ ...POLICY, valueCaptureSelector: '.ok' }, new WeakSet()));
    expect([1, 2, 3].map(probe.blocked)).toEqual([true, false, false]);
    expect([1, 2, 3].map(probe.masked)).toEqual([false, true, false]);
    expect([3, 4, 99].map(probe.valueAllowed)).toEqual([true, false, false]);
    expect([0, 99].map(probe.exists)).toEqual([true, false]);
    const broken = createDomProbe(mirrorOf(nodes), { ...POLICY, blockSelector: 'div[[' }, () => false);
    expect(broken.blocked(1)).toBe(false);
  });
});
