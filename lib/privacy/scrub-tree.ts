import { maskText } from './mask-text';
import { BLOCK, MASK, MASK_CHILDREN } from './node-registry';
import { ownFlags } from './own-flags';
import { NODE, type AttributeValue, type SerializedNode } from './rrweb-shapes';
import { scrubAttributes } from './scrub-attributes';
import type { ScrubContext } from './scrub-context';
import { scrubCssUrls } from './scrub-css';
import { scrubText } from './scrub-text';
import { isInlineTag, type TextRunJoiner } from './text-run-joiner';

/** Where a node is being added: its parent's id and tag, and the region flags (BLOCK, MASK) it inherits. */
export interface Placement {
  parentId: number;
  parentTag: string;
  region: number;
}

/**
 * Scrubs a serialized node and everything below it (a full snapshot, or a
 * node a mutation adds), remembering each node in ctx.nodes. Returns a new
 * node; the input is not modified. A blocked element becomes rrweb's
 * placeholder (its size, no content); what is inside a blocked region is dropped (null).
 */
export function scrubTree(ctx: ScrubContext, node: SerializedNode, at: Placement, joiner: TextRunJoiner): SerializedNode | null {
  if (at.region & BLOCK) return null;
  switch (node.type) {
    case NODE.Element:
      return scrubElement(ctx, node, at, joiner);
    case NODE.Text:
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      return scrubTextNode(ctx, node, at, joiner);
    case NODE.Comment:
    case NODE.CDATA: {
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      const text = node.textContent ?? '';
      return { ...node, textContent: isMasked(ctx, at.region) ? maskText(text) : scrubText(text) };
    }
    case NODE.Document:
    case NODE.DocumentType: {
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      if (!node.childNodes) return { ...node };
      joiner.boundary();
      const childNodes = scrubChildren(ctx, node.childNodes, { parentId: node.id, parentTag: '', region: at.region }, joiner);
      joiner.boundary();
      return { ...node, childNodes };
    }
    default:
      return null; // not a node type rrweb 2 produces: nothing unknown is kept
  }
}

function scrubElement(ctx: ScrubContext, node: SerializedNode, at: Placement, joiner: TextRunJoiner): SerializedNode {
  const tag = (node.tagName ?? '').toLowerCase();
  const attributes = node.attributes ?? {};
  const type = typeof attributes.type === 'string' ? attributes.type.toLowerCase() : undefined;
  const flags = ownFlags(ctx, node.id, tag, attributes, node.needBlock === true);
  ctx.nodes.set(node.id, { parent: at.parentId, flags, tag, ...(type ? { type } : {}) });
  const region = at.region | (flags & (BLOCK | MASK));
  if (region & BLOCK) {
    joiner.boundary();
    return placeholder(node, attributes);
  }
  const scrubbed = scrubAttributes(ctx, { id: node.id, tag, type, flags, masked: isMasked(ctx, region) }, attributes);
  if (!node.childNodes) return { ...node, attributes: scrubbed };
  const inline = isInlineTag(tag);
  if (!inline) joiner.boundary();
  const below = { parentId: node.id, parentTag: tag, region: region | (flags & MASK_CHILDREN ? MASK : 0) };
  const childNodes = scrubChildren(ctx, node.childNodes, below, joiner);
  if (!inline) joiner.boundary();
  return { ...node, attributes: scrubbed, childNodes };
}

function scrubChildren(ctx: ScrubContext, children: SerializedNode[], at: Placement, joiner: TextRunJoiner): SerializedNode[] {
  const out: SerializedNode[] = [];
  for (const child of children) {
    const clean = scrubTree(ctx, child, at, joiner);
    if (clean) out.push(clean);
  }
  return out;
}

export function scrubTextNode(ctx: ScrubContext, node: SerializedNode, at: Placement, joiner: TextRunJoiner): SerializedNode {
  const text = node.textContent ?? '';
  if (at.parentTag === 'script') return { ...node, textContent: 'SCRIPT_PLACEHOLDER' };
  if (at.parentTag === 'style') return { ...node, textContent: scrubCssUrls(text) };
  if (isMasked(ctx, at.region)) {
    joiner.boundary();
    return { ...node, textContent: maskText(text) };
  }
  const out = { ...node, textContent: scrubText(text) };
  joiner.text(out);
  return out;
}

export function isMasked(ctx: ScrubContext, region: number): boolean {
  return ctx.maskAllText || (region & MASK) !== 0;
}

/** What rrweb itself emits for a blocked element: its class and size, nothing else. */
function placeholder(node: SerializedNode, attributes: Record<string, AttributeValue>): SerializedNode {
  const kept: Record<string, AttributeValue> = {};
  if (typeof attributes.class === 'string') kept.class = scrubText(attributes.class);
  for (const size of ['rr_width', 'rr_height'] as const) {
    if (typeof attributes[size] === 'string' && /^[\d.]+px$/.test(attributes[size] as string)) kept[size] = attributes[size]!;
  }
  const { childNodes: _children, attributes: _attributes, ...rest } = node;
  return { ...rest, attributes: kept, childNodes: [], needBlock: true };
}
