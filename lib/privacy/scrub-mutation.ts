import { isNeverCaptured } from './never-captured';
import { BLOCK, MASK, MASK_CHILDREN, NEVER, type NodeInfo } from './node-registry';
import { ownFlags } from './own-flags';
import { NODE, type AddedNode, type AttributeValue, type MutationData } from './rrweb-shapes';
import { scrubAttributes } from './scrub-attributes';
import type { ScrubContext } from './scrub-context';
import { isMasked, scrubTextNode, scrubTree } from './scrub-tree';
import { createTextRunJoiner, isInlineTag, type TextRunJoiner } from './text-run-joiner';

/** A changed text is one node: nothing to join it with. */
const NO_JOINING: TextRunJoiner = { text: () => {}, boundary: () => {}, finish: () => {} };

/**
 * A mutation event: removals forgotten, added nodes scrubbed as trees (in
 * document order, so numbers split across added inline elements are seen
 * joined), flags updated from changed attributes before anything is judged,
 * then text and attribute changes scrubbed by where their node sits. Changes
 * inside blocked regions are dropped.
 */
export function scrubMutation(ctx: ScrubContext, data: MutationData): MutationData {
  for (const r of data.removes ?? []) ctx.nodes.delete(r.id);
  const adds = data.adds ? scrubAdds(ctx, data.adds) : undefined;
  for (const a of data.attributes ?? []) updateFlags(ctx, a.id, a.attributes);
  const texts = data.texts?.flatMap((t) => {
    const value = scrubChangedText(ctx, t.id, t.value);
    return value === undefined ? [] : [{ ...t, value }];
  });
  const attributes = data.attributes?.flatMap((a) => {
    const region = regionOf(ctx, a.id);
    if (region & BLOCK) return [];
    const info = ctx.nodes.get(a.id) ?? unknownElement(ctx);
    const facts = { id: a.id, tag: info.tag, type: info.type, flags: info.flags, masked: isMasked(ctx, region) };
    return [{ ...a, attributes: scrubAttributes(ctx, facts, a.attributes) }];
  });
  return {
    ...data,
    ...(adds ? { adds } : {}),
    ...(texts ? { texts } : {}),
    ...(attributes ? { attributes } : {}),
  };
}

/** Region flags of a node; a node never seen counts as masked on the device (nothing unknown passes as-is). */
export function regionOf(ctx: ScrubContext, id: number): number {
  const flags = ctx.nodes.regionFlags(id);
  if (flags !== null) return flags;
  return ctx.mode === 'device' ? MASK : 0;
}

/** Region flags for a node added under `parentId`: the parent's, plus MASK below a textarea or editable region. */
function regionBelow(ctx: ScrubContext, parentId: number): number {
  const parent = ctx.nodes.get(parentId);
  return regionOf(ctx, parentId) | (parent && parent.flags & MASK_CHILDREN ? MASK : 0);
}

/** An element never seen: on the device its `value` is treated as a field's (masked). */
function unknownElement(ctx: ScrubContext): NodeInfo {
  return { parent: -1, flags: 0, tag: ctx.mode === 'device' ? 'input' : '' };
}

function scrubChangedText(ctx: ScrubContext, id: number, value: string | null): string | null | undefined {
  if (value === null) return null;
  const region = regionOf(ctx, id);
  if (region & BLOCK) return undefined;
  const parentTag = ctx.nodes.get(ctx.nodes.get(id)?.parent ?? -1)?.tag ?? '';
  const node = { type: NODE.Text, id, textContent: value };
  return scrubTextNode(ctx, node, { parentId: -1, parentTag, region }, NO_JOINING).textContent!;
}

function updateFlags(ctx: ScrubContext, id: number, changed: Record<string, AttributeValue>): void {
  const info = ctx.nodes.get(id);
  if (!info) return;
  let flags = info.flags;
  let type = info.type;
  for (const [name, value] of Object.entries(changed)) {
    const v = typeof value === 'string' ? value : null;
    if (name === 'data-webtrace-block' && v !== null) flags |= BLOCK;
    else if (name === 'data-webtrace-mask' && v !== null) flags |= MASK;
    else if (name === 'contenteditable' && v !== null && v !== 'false') flags |= MASK_CHILDREN;
    else if (name === 'type') type = v?.toLowerCase();
    // Once a never field, always one: "show password" turns a password into text, not into something recordable.
    if (becomesNever(name, v)) flags |= NEVER;
  }
  if (ctx.probe?.blocked(id)) flags |= BLOCK;
  if (ctx.probe?.masked(id)) flags |= MASK;
  ctx.nodes.set(id, { ...info, flags, ...(type ? { type } : {}) });
}

function becomesNever(name: string, value: string | null): boolean {
  switch (name) {
    case 'data-rr-is-password':
      return value !== null;
    case 'type':
      return isNeverCaptured({ type: value });
    case 'autocomplete':
      return isNeverCaptured({ autocomplete: value });
    case 'name':
      return isNeverCaptured({ name: value });
    case 'id':
      return isNeverCaptured({ id: value });
    default:
      return false;
  }
}

function scrubAdds(ctx: ScrubContext, adds: AddedNode[]): AddedNode[] {
  // Register every added node first: an add's parent may be another add of the same event.
  for (const add of adds) {
    const n = add.node;
    const tag = (n.tagName ?? '').toLowerCase();
    const flags = n.type === NODE.Element ? ownFlags(ctx, n.id, tag, n.attributes ?? {}, n.needBlock === true) : 0;
    ctx.nodes.set(n.id, { parent: add.parentId, flags, tag });
  }
  const clean = new Map<AddedNode, AddedNode | null>();
  const joiner = createTextRunJoiner();
  const visit = (add: AddedNode): void => {
    const parentTag = ctx.nodes.get(add.parentId)?.tag ?? '';
    const region = regionBelow(ctx, add.parentId);
    const node = scrubTree(ctx, add.node, { parentId: add.parentId, parentTag, region }, joiner);
    clean.set(add, node ? { ...add, node } : null);
  };
  const { roots, children } = documentOrder(adds);
  // Depth first in document order with an explicit stack: a chain of adds, each under the one before
  // (how rrweb adds a subtree), can be as long as the sender likes. Each add is visited once (ids may repeat).
  type Step = AddedNode | 'boundary';
  for (const siblings of roots) {
    joiner.boundary(); // unrelated places in the page
    const steps: Step[] = [...siblings].reverse();
    while (steps.length > 0) {
      const step = steps.pop()!;
      if (step === 'boundary') {
        joiner.boundary();
        continue;
      }
      if (clean.has(step)) continue;
      visit(step);
      const blockLevel = step.node.type === NODE.Element && !isInlineTag((step.node.tagName ?? '').toLowerCase());
      if (blockLevel) steps.push('boundary');
      const below = children.get(step.node.id) ?? [];
      for (let i = below.length - 1; i >= 0; i--) steps.push(below[i]!);
      if (blockLevel) steps.push('boundary');
    }
  }
  joiner.finish();
  return adds.flatMap((add) => {
    const c = clean.get(add);
    return c ? [c] : [];
  });
}

/**
 * The added nodes as a forest in document order: siblings chained by nextId,
 * children under their added parent; roots come as runs of adjacent siblings.
 */
function documentOrder(adds: AddedNode[]): { roots: AddedNode[][]; children: Map<number, AddedNode[]> } {
  const ids = new Set(adds.map((a) => a.node.id));
  const groups = new Map<number, AddedNode[]>();
  for (const add of adds) {
    const group = groups.get(add.parentId) ?? [];
    group.push(add);
    groups.set(add.parentId, group);
  }
  const children = new Map<number, AddedNode[]>();
  const roots: AddedNode[][] = [];
  for (const [parentId, group] of groups) {
    const chains = siblingChains(group);
    if (ids.has(parentId)) children.set(parentId, chains.flat());
    else for (const c of chains) roots.push(c);
  }
  return { roots, children };
}

/** Siblings in runs that are known to be adjacent (each one's nextId is the next). */
function siblingChains(group: AddedNode[]): AddedNode[][] {
  const byId = new Map(group.map((a) => [a.node.id, a]));
  const referenced = new Set(group.map((a) => a.nextId).filter((id): id is number => id !== null && byId.has(id)));
  const chains: AddedNode[][] = [];
  const seen = new Set<AddedNode>();
  for (const head of group.filter((a) => !referenced.has(a.node.id))) {
    const run: AddedNode[] = [];
    for (let a: AddedNode | undefined = head; a && !seen.has(a); a = a.nextId === null ? undefined : byId.get(a.nextId)) {
      seen.add(a);
      run.push(a);
    }
    chains.push(run);
  }
  const rest = group.filter((a) => !seen.has(a)); // a cycle in malformed input
  if (rest.length) chains.push(rest);
  return chains;
}
