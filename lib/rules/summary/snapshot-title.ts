/** rrweb's serialized NodeType: Element and Text. */
const ELEMENT_NODE = 2;
const TEXT_NODE = 3;
export const MAX_TITLE = 500;
/** Nodes looked at while searching a snapshot for <title>: it is in <head>, near the top. */
const MAX_NODES = 2_000;

interface SerializedNode {
  type?: unknown;
  tagName?: unknown;
  textContent?: unknown;
  childNodes?: unknown;
}

/** A <title> element of a serialized document: its rrweb id and the ids and texts of its text children. */
export interface SnapshotTitleElement {
  id: number | null;
  texts: Array<{ id: number | null; text: string }>;
}

/** A serialized node as a <title> element, or null when it is none. */
export function asTitleElement(node: unknown): SnapshotTitleElement | null {
  const n = node as (SerializedNode & { id?: unknown }) | null;
  if (!n || typeof n !== 'object' || n.type !== ELEMENT_NODE || typeof n.tagName !== 'string' || n.tagName.toLowerCase() !== 'title')
    return null;
  const texts = (Array.isArray(n.childNodes) ? n.childNodes : [])
    .filter((c: SerializedNode) => c?.type === TEXT_NODE && typeof c.textContent === 'string')
    .map((c: SerializedNode & { id?: unknown }) => ({ id: typeof c.id === 'number' ? c.id : null, text: c.textContent as string }));
  return { id: typeof n.id === 'number' ? n.id : null, texts };
}

/** A title's text as summaries show it: whitespace collapsed, bounded; null when empty. */
export function titleText(parts: readonly string[]): string | null {
  const text = parts.join('').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_TITLE) : null;
}

/** The first <title> element of a serialized document, breadth first and bounded. */
export function snapshotTitleElement(root: unknown): SnapshotTitleElement | null {
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length > 0 && seen < MAX_NODES; seen++) {
    const node = queue.shift() as SerializedNode | null;
    if (!node || typeof node !== 'object') continue;
    const title = asTitleElement(node);
    if (title) return title;
    if (Array.isArray(node.childNodes)) queue.push(...node.childNodes);
  }
  return null;
}

/** The text of the first <title> of a serialized document, breadth first and bounded. */
export function snapshotTitle(root: unknown): string | null {
  const title = snapshotTitleElement(root);
  return title ? titleText(title.texts.map((t) => t.text)) : null;
}
