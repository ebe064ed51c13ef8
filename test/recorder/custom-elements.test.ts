import { describe, expect, it } from 'vitest';
import { installCustomElementsShim } from '../../lib/recorder/custom-elements-shim';
import { markCustomElements } from '../../lib/recorder/mark-custom-elements';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';

/** Live elements by rrweb id: `defined` answers :defined. */
function mirrorOf(defined: Record<number, boolean>) {
  return {
    getNode: (id: number) =>
      id in defined ? ({ nodeType: 1, matches: (sel: string) => sel === ':defined' && defined[id]! } as unknown as Node) : null,
  };
}

const el = (id: number, tagName: string, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes: {}, childNodes });

describe('markCustomElements', () => {
  it('marks the defined custom elements of a full snapshot, nothing else', () => {
    const event = {
      type: 2,
      timestamp: 1,
      data: {
        node: {
          type: 0,
          id: 1,
          childNodes: [el(2, 'html', [el(3, 'status-badge'), el(4, 'x-unknown'), el(5, 'div', [el(6, 'user-card')])])],
        },
      },
    };
    markCustomElements(event as RrwebEvent, mirrorOf({ 2: true, 3: true, 4: false, 5: true, 6: true }));
    const html = event.data.node.childNodes[0]!;
    const [badge, unknown, div] = html.childNodes as Array<ReturnType<typeof el> & { isCustom?: boolean }>;
    expect(badge!.isCustom).toBe(true);
    expect(unknown!.isCustom).toBeUndefined();
    expect(div!.isCustom).toBeUndefined(); // no hyphen: never a custom element, even though :defined
    expect((div!.childNodes[0] as { isCustom?: boolean }).isCustom).toBe(true);
  });

  it("marks a mutation's added custom elements, and skips nodes no longer in the page", () => {
    const event = {
      type: 3,
      timestamp: 1,
      data: {
        source: 0,
        adds: [
          { parentId: 1, nextId: null, node: el(7, 'late-card') },
          { parentId: 1, nextId: null, node: el(8, 'gone-card') },
        ],
      },
    };
    markCustomElements(event as RrwebEvent, mirrorOf({ 7: true }));
    expect((event.data.adds[0]!.node as { isCustom?: boolean }).isCustom).toBe(true);
    expect((event.data.adds[1]!.node as { isCustom?: boolean }).isCustom).toBeUndefined();
  });

  it('leaves other events alone', () => {
    const event = { type: 3, timestamp: 1, data: { source: 2, id: 3 } };
    markCustomElements(event as RrwebEvent, mirrorOf({}));
    expect(event).toEqual({ type: 3, timestamp: 1, data: { source: 2, id: 3 } });
  });
});

describe('installCustomElementsShim', () => {
  it('gives a world without a registry one whose get() answers undefined without throwing', () => {
    const win = { customElements: null } as unknown as Window;
    // The isolated world's property is an accessor on Window.prototype; here an own null value stands in.
    Object.defineProperty(win, 'customElements', { value: null, configurable: true });
    expect(installCustomElementsShim(win)).toBe(true);
    expect(win.customElements.get('status-badge')).toBeUndefined();
    expect('define' in win.customElements).toBe(false); // rrweb's define observer then patches nothing
    expect(installCustomElementsShim(win)).toBe(true); // injected again: still ours
  });

  it('never replaces a real registry', () => {
    const registry = { get: () => class {}, define: () => {} };
    const win = { customElements: registry } as unknown as Window;
    expect(installCustomElementsShim(win)).toBe(false);
    expect(win.customElements).toBe(registry);
  });
});
