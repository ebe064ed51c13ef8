import { countCss, type QueryRoot } from './query-count';
import { cssIdent } from './css-escape';

/**
 * Ids the common libraries generate, which change between renders and routes:
 * React useId (":r1:", "«r1»", "_r_a_"), Headless UI ("headlessui-listbox-button-…"),
 * Radix ("radix-…"), MUI ("mui-123"), rc-components/antd ("rc_select_0", "rc-tabs-…"),
 * Element Plus ("el-id-1024-12"), react-select ("react-select-2-…"), React Aria,
 * Ember ("ember12"), Vue/Vuetify ("input-v-3").
 */
const GENERATED_ID =
  /(?:^|[-_])_?r_[0-9a-z]+_|^:[a-z]?[rR][0-9a-z]*:$|\u00ab|^(?:headlessui|radix|mui|rc[-_]|el-id|react-select|react-aria|ember|downshift|mantine|chakra|input-v)/i;

/**
 * Whether an id looks hand-written rather than generated: generated ids carry
 * digits (counters, hashes: "ember123", "a3f9c2"), the markers and prefixes of
 * the libraries above, whitespace or quotes, or are very long.
 */
export function isStableId(id: string): boolean {
  if (!id || id.length > 64) return false;
  if (GENERATED_ID.test(id)) return false;
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
