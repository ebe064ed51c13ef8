/**
 * In a content script's isolated world `window.customElements` is null (the
 * registry belongs to the page's world). rrweb's serializer asks
 * `customElements.get(tagName)` for every element inside a try/catch, so
 * there it throws and catches one TypeError per element: most of the time
 * of a snapshot, and of every added node. This gives the isolated world's own
 * window (never the page's) a stand-in whose get() answers "not a custom
 * element" without throwing. It has no define(), so rrweb's custom-element
 * observer leaves it alone. Which elements really are custom elements is read
 * from the live nodes afterwards (mark-custom-elements.ts), so replay still
 * defines them. Returns whether the shim is in place (false where a real
 * registry exists: the page's world, or a browser that gives isolated worlds one).
 */
const SHIM = Symbol.for('webtrace.customElementsShim');

export function installCustomElementsShim(win: Window): boolean {
  const current = win.customElements as unknown as Record<symbol, unknown> | null;
  if (current) return current[SHIM] === true; // already ours: a recorder injected again into this world
  try {
    Object.defineProperty(win, 'customElements', {
      value: Object.freeze({ get: () => undefined, [SHIM]: true }),
      configurable: true,
      enumerable: false,
      writable: false,
    });
    return true;
  } catch {
    return false;
  }
}
