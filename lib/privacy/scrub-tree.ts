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

/** Nodes scrubbed between two yields of scrubTreeInSlices: about a millisecond of work. */
export const NODES_PER_SLICE = 2000;

/**
 * Scrubs a serialized node and everything below it (a full snapshot, or a
 * node a mutation adds), remembering each node in ctx.nodes. Returns a new
 * node; the input is not modified. A blocked element becomes rrweb's
 * placeholder (its size, no content); what is inside a blocked region is dropped (null).
 */
export function scrubTree(ctx: ScrubContext, node: SerializedNode, at: Placement, joiner: TextRunJoiner): SerializedNode | null {
  const work = scrubTreeInSlices(ctx, node, at, joiner, Infinity);
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** What waits on the walk's stack: a node to scrub into its parent's children, or the end of an element's children. */
type Pending = { node: SerializedNode; at: Placement; into: SerializedNode[] } | { closes: true };

/**
 * scrubTree as a walk that yields every `perSlice` nodes, so a full snapshot
 * of a huge page is scrubbed over several tasks (lib/recorder/event-pipeline.ts)
 * instead of one. An explicit stack, not recursion: a generator per node would
 * cost more than the scrub, and a page's depth cannot overflow it.
 */
export function* scrubTreeInSlices(
  ctx: ScrubContext,
  root: SerializedNode,
  at: Placement,
  joiner: TextRunJoiner,
  perSlice = NODES_PER_SLICE,
): Generator<void, SerializedNode | null, undefined> {
  const top: SerializedNode[] = [];
  const stack: Pending[] = [{ node: root, at, into: top }];
  let done = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('closes' in item) {
      joiner.boundary();
      continue;
    }
    const scrubbed = scrubOne(ctx, item.node, item.at, joiner);
    if (!scrubbed) continue;
    item.into.push(scrubbed.clean);
    if (scrubbed.below) {
      if (scrubbed.bounded) stack.push({ closes: true });
      const children = item.node.childNodes!;
      const into = scrubbed.clean.childNodes!;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, at: scrubbed.below, into });
    }
    if (++done % perSlice === 0) yield;
  }
  return top[0] ?? null;
}

/**
 * One node without its children: its clean copy (children to be filled in),
 * where its children go, and whether they are a run of their own for the
 * text joiner (a boundary before, done here, and after, by the walk).
 */
function scrubOne(
  ctx: ScrubContext,
  node: SerializedNode,
  at: Placement,
  joiner: TextRunJoiner,
): { clean: SerializedNode; below?: Placement; bounded?: boolean } | null {
  if (at.region & BLOCK) return null;
  switch (node.type) {
    case NODE.Element:
      return scrubElement(ctx, node, at, joiner);
    case NODE.Text:
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      return { clean: scrubTextNode(ctx, node, at, joiner) };
    case NODE.Comment:
    case NODE.CDATA: {
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      const text = node.textContent ?? '';
      return { clean: { ...node, textContent: isMasked(ctx, at.region) ? maskText(text) : scrubText(text) } };
    }
    case NODE.Document:
    case NODE.DocumentType: {
      ctx.nodes.set(node.id, { parent: at.parentId, flags: 0, tag: '' });
      if (!node.childNodes) return { clean: { ...node } };
      joiner.boundary();
      return { clean: { ...node, childNodes: [] }, below: { parentId: node.id, parentTag: '', region: at.region }, bounded: true };
    }
    default:
      return null; // not a node type rrweb 2 produces: nothing unknown is kept
  }
}

function scrubElement(
  ctx: ScrubContext,
  node: SerializedNode,
  at: Placement,
  joiner: TextRunJoiner,
): { clean: SerializedNode; below?: Placement; bounded?: boolean } {
  const tag = (node.tagName ?? '').toLowerCase();
  const attributes = node.attributes ?? {};
  const type = typeof attributes.type === 'string' ? attributes.type.toLowerCase() : undefined;
  const flags = ownFlags(ctx, node.id, tag, attributes, node.needBlock === true);
  ctx.nodes.set(node.id, { parent: at.parentId, flags, tag, ...(type ? { type } : {}) });
  const region = at.region | (flags & (BLOCK | MASK));
  if (region & BLOCK) {
    joiner.boundary();
    return { clean: placeholder(node, attributes) };
  }
  const scrubbed = scrubAttributes(ctx, { id: node.id, tag, type, flags, masked: isMasked(ctx, region) }, attributes);
  if (!node.childNodes) return { clean: { ...node, attributes: scrubbed } };
  const bounded = !isInlineTag(tag);
  if (bounded) joiner.boundary();
  const below = { parentId: node.id, parentTag: tag, region: region | (flags & MASK_CHILDREN ? MASK : 0) };
  return { clean: { ...node, attributes: scrubbed, childNodes: [] }, below, bounded };
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
