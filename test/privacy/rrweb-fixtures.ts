import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { AddedNode, SerializedNode } from '../../lib/privacy/rrweb-shapes';

/** Builders for rrweb 2 events and serialized nodes, as rrweb emits them. */
export const el = (
  id: number,
  tagName: string,
  attributes: Record<string, string | number | boolean> = {},
  childNodes: SerializedNode[] = [],
  extra: Record<string, unknown> = {},
): SerializedNode => ({ type: 2, id, tagName, attributes, childNodes, ...extra });

export const text = (id: number, textContent: string): SerializedNode => ({ type: 3, id, textContent });

export const doc = (id: number, childNodes: SerializedNode[]): SerializedNode => ({ type: 0, id, childNodes });

/** A page: document(1) > html(2) > [head(3) > title(4) > text(5)], body(6) > children. */
export function page(body: SerializedNode[], title = 'Orders'): SerializedNode {
  return doc(1, [el(2, 'html', {}, [el(3, 'head', {}, [el(4, 'title', {}, [text(5, title)])]), el(6, 'body', {}, body)])]);
}

let clock = 1_700_000_000_000;
const event = (type: number, data: unknown): RrwebEvent => ({ type, timestamp: clock++, data });

export const fullSnapshot = (node: SerializedNode) => event(2, { node, initialOffset: { top: 0, left: 0 } });
export const meta = (href: string) => event(4, { href, width: 1280, height: 720 });
export const mutation = (m: {
  adds?: AddedNode[];
  texts?: Array<{ id: number; value: string | null }>;
  attributes?: Array<{ id: number; attributes: Record<string, unknown> }>;
  removes?: Array<{ parentId: number; id: number }>;
}) => event(3, { source: 0, texts: [], attributes: [], removes: [], adds: [], ...m });
export const input = (id: number, value: string, isChecked = false) => event(3, { source: 5, id, text: value, isChecked });
export const custom = (tag: string, payload: unknown) => event(5, { tag, payload });
export const add = (parentId: number, node: SerializedNode, nextId: number | null = null): AddedNode => ({ parentId, nextId, node });

/** Every string anywhere in a value, for "is X anywhere in there" checks. */
export function allText(value: unknown): string {
  return JSON.stringify(value);
}

/** Finds a serialized node by id in a tree. */
export function findNode(root: SerializedNode | undefined, id: number): SerializedNode | undefined {
  if (!root) return undefined;
  if (root.id === id) return root;
  for (const child of root.childNodes ?? []) {
    const hit = findNode(child, id);
    if (hit) return hit;
  }
  return undefined;
}

export const snapshotNode = (e: RrwebEvent | null) => (e?.data as { node: SerializedNode }).node;
