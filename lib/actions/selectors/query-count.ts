/** Where a target's selectors are evaluated: its document, or its shadow root. */
export type QueryRoot = Document | ShadowRoot;

/** How many elements a CSS selector matches; a selector that cannot be evaluated counts 0. */
export function countCss(root: QueryRoot, selector: string): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

/** The query root of a connected element (document or open shadow root). */
export function queryRootOf(el: Element): QueryRoot | null {
  if (!el.isConnected) return null;
  const root = el.getRootNode();
  return root.nodeType === 9 || root.nodeType === 11 ? (root as QueryRoot) : null;
}
