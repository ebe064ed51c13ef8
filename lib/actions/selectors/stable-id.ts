import { countCss, type QueryRoot } from './query-count';
import { cssIdent } from './css-escape';

/**
 * Whether an id looks hand-written rather than generated: generated ids carry
 * digits (counters, hashes: "ember123", "a3f9c2"), React's ":r1:"/"«r1»" markers,
 * whitespace or quotes, or are very long.
 */
export function isStableId(id: string): boolean {
  if (!id || id.length > 64) return false;
  return !/[\d:\u00ab\u00bb\s"'\\]/.test(id);
}

/** The element's id if it looks stable and is unique in its root, else null. */
export function stableUniqueId(root: QueryRoot, el: Element): string | null {
  const id = el.getAttribute('id');
  if (id === null || !isStableId(id)) return null;
  return countCss(root, `#${cssIdent(id)}`) === 1 ? id : null;
}

/** Nearest ancestor (within the same root) with a stable unique id. */
export function stableIdAncestor(root: QueryRoot, el: Element): { el: Element; id: string } | null {
  // parentElement stays inside the root: a shadow root's top element has none.
  for (let a = el.parentElement; a; a = a.parentElement) {
    const id = stableUniqueId(root, a);
    if (id !== null) return { el: a, id };
  }
  return null;
}
