// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createDomProbe } from '../../lib/privacy/dom-probe';
import { createEventScrubber } from '../../lib/privacy/event-scrubber';
import { createPagePrivacy } from '../../lib/privacy/page-privacy';
import type { PrivacyPolicy } from '../../lib/privacy/policy';
import { valueAllowance } from '../../lib/privacy/value-allowance';
import { el, fullSnapshot, input, page } from './rrweb-fixtures';

const POLICY: PrivacyPolicy = { maskAllText: false, blockSelector: null, maskTextSelector: null };
afterEach(() => {
  document.body.innerHTML = '';
});

/** The live page and its serialized twin: ids 10 (select), 11-13 (options); 20-22 a payment select. */
function setUp() {
  document.body.innerHTML = `
    <select id="customer"><option value="cust-nw-01">Northwind Traders</option><option value="cust-ct-02">Contoso Ltd</option><option value="cust-fb-03">Fabrikam Inc</option></select>
    <select id="exp" autocomplete="cc-exp-month"><option value="01">01</option><option value="02">02</option></select>`;
  const [customer, exp] = [...document.querySelectorAll('select')] as HTMLSelectElement[];
  customer!.selectedIndex = 1;
  exp!.selectedIndex = 1;
  const nodes: Node[] = [];
  nodes[10] = customer!;
  [...customer!.options].forEach((o, i) => (nodes[11 + i] = o));
  nodes[20] = exp!;
  [...exp!.options].forEach((o, i) => (nodes[21 + i] = o));
  const mirror = { getNode: (id: number) => nodes[id] ?? null };
  const snapshot = fullSnapshot(
    page([
      el(10, 'select', { id: 'customer', value: '**********' }, [
        el(11, 'option', { value: 'cust-nw-01' }),
        el(12, 'option', { value: 'cust-ct-02' }),
        el(13, 'option', { value: 'cust-fb-03' }),
      ]),
      el(20, 'select', { id: 'exp', autocomplete: 'cc-exp-month', value: '**' }, [
        el(21, 'option', { value: '01' }),
        el(22, 'option', { value: '02' }),
      ]),
    ]),
  );
  return { customer: customer!, mirror, snapshot };
}

const attrs = (node: unknown, id: number): Record<string, unknown> => {
  const find = (n: { id: number; attributes?: Record<string, unknown>; childNodes?: unknown[] }): Record<string, unknown> | null =>
    n.id === id ? (n.attributes ?? {}) : ((n.childNodes ?? []).map((c) => find(c as never)).find((x) => x) ?? null);
  return find(node as never)!;
};

describe('masked choices keep which option is chosen', () => {
  it('on the device, option values become position tokens and the select the token of its chosen option', () => {
    const { mirror, snapshot } = setUp();
    const s = createEventScrubber({ mode: 'device', probe: createDomProbe(mirror, POLICY, valueAllowance(POLICY, new WeakSet())) });
    const node = (s.scrub(snapshot)!.data as { node: unknown }).node;
    expect([11, 12, 13].map((id) => attrs(node, id).value)).toEqual(['*0', '*1', '*2']);
    expect(attrs(node, 10).value).toBe('*1');
    // rrweb's input event for the select carries the chosen option's token too.
    expect((s.scrub(input(10, '**********'))!.data as { text: string }).text).toBe('*1');
    // A payment field's position is its value: stars, as before.
    expect([21, 22].map((id) => attrs(node, id).value)).toEqual(['**', '**']);
    expect(attrs(node, 20).value).toBe('**');
    expect(JSON.stringify(node)).not.toMatch(/cust-|Northwind.*value/);
  });

  it("rrweb's own masking gives the select its chosen option's token; the server's pass keeps tokens", () => {
    const { customer, mirror, snapshot } = setUp();
    const privacy = createPagePrivacy(POLICY, mirror);
    expect(privacy.rrwebOptions.maskInputFn!('cust-ct-02', customer)).toBe('*1');
    const onDevice = privacy.scrub(snapshot)!;
    const server = createEventScrubber({ mode: 'server' });
    const node = (server.scrub(onDevice)!.data as { node: unknown }).node;
    expect([11, 12, 13, 10].map((id) => attrs(node, id).value)).toEqual(['*0', '*1', '*2', '*1']);
  });
});
