import type { Action } from '../../../../lib/schema/action';

/**
 * Marks an action's target inside the replayed page. The attribute is the
 * mark (tests and people can find it in the iframe's DOM); the rule below,
 * which the replayer inserts into every rebuilt page, makes it visible.
 */
export const TARGET_ATTR = 'data-webtrace-target';

export const HIGHLIGHT_RULES = [
  `[${TARGET_ATTR}] { outline: 3px solid #d6336c !important; outline-offset: 2px !important; box-shadow: 0 0 0 6px rgba(214, 51, 108, 0.3) !important; }`,
];

/** What the note under the player says about action `index`'s target (`found`: marked in the replay). */
export function targetNote(index: number, action: Action | undefined, found: boolean): string {
  if (index < 0 || !action) return '';
  const t = action.target;
  if (!t) return `Action ${index + 1} (${action.type}) has no target element.`;
  if (!found) return `The target of action ${index + 1} is not in the replayed page at this moment.`;
  return `Highlighted: the target of action ${index + 1}, ${t.role ?? t.tag} "${t.name}".`;
}

/** Moves the mark to `node` (an element, or a text node's parent). Returns the marked element, if any. */
export function markTarget(doc: Document | null, node: Node | null): Element | null {
  if (!doc) return null;
  for (const el of Array.from(doc.querySelectorAll(`[${TARGET_ATTR}]`))) el.removeAttribute(TARGET_ATTR);
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  if (!el || el.ownerDocument !== doc || !el.isConnected) return null;
  el.setAttribute(TARGET_ATTR, '');
  return el;
}
