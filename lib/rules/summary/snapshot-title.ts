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

/** The text of the first <title> of a serialized document, breadth first and bounded. */
export function snapshotTitle(root: unknown): string | null {
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length > 0 && seen < MAX_NODES; seen++) {
    const node = queue.shift() as SerializedNode | null;
    if (!node || typeof node !== 'object') continue;
    if (node.type === ELEMENT_NODE && typeof node.tagName === 'string' && node.tagName.toLowerCase() === 'title') {
      const text = (Array.isArray(node.childNodes) ? node.childNodes : [])
        .map((c: SerializedNode) => (c?.type === TEXT_NODE && typeof c.textContent === 'string' ? c.textContent : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      return text ? text.slice(0, MAX_TITLE) : null;
    }
    if (Array.isArray(node.childNodes)) queue.push(...node.childNodes);
  }
  return null;
}
