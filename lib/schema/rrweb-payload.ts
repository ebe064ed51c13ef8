import { z } from 'zod';
import type { RrwebEvent } from './rrweb-event';

/**
 * The payloads rrweb 2.2.2 produces (@rrweb/types), as zod schemas, so that
 * whoever reads events it did not make itself (the server) refuses shapes no
 * rrweb makes instead of tripping over them. Node trees are walked with an
 * explicit stack, never by recursion: their depth comes from the sender.
 * The fields the scrubbers and the replay read are typed; others are
 * accepted (rrweb may add fields). The schemas only check: what is stored is
 * the event as received, so they strip rather than copy unknown keys
 * (z.object, not z.looseObject: copying them was ~15% of this check's time).
 */

import { MAX_NODE_DEPTH } from './node-depth';

/** How deep a node tree may go (lib/schema/node-depth.ts). */
export { MAX_NODE_DEPTH };

const id = z.int();
const num = z.number();
const index = z.union([z.int(), z.array(z.int()).max(1000)]);

const nodeFlags = { id, rootId: id.optional(), isShadowHost: z.boolean().optional(), isShadow: z.boolean().optional() };
const children = z.array(z.unknown());
/** One serialized node; its children are checked as nodes of their own. */
export const serializedNodeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(0), ...nodeFlags, childNodes: children, compatMode: z.string().optional() }),
  z.object({ type: z.literal(1), ...nodeFlags, name: z.string(), publicId: z.string(), systemId: z.string() }),
  z.object({
    type: z.literal(2),
    ...nodeFlags,
    tagName: z.string().max(1000),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    childNodes: children,
    isSVG: z.boolean().optional(),
    needBlock: z.boolean().optional(),
    isCustom: z.boolean().optional(),
  }),
  z.object({ type: z.literal(3), ...nodeFlags, textContent: z.string(), isStyle: z.boolean().optional() }),
  z.object({ type: z.literal(4), ...nodeFlags, textContent: z.string() }),
  z.object({ type: z.literal(5), ...nodeFlags, textContent: z.string() }),
]);

/** A mutation's attribute values: a string, null (removed), or a style diff. */
const styleDiff = z.record(z.string(), z.union([z.string(), z.literal(false), z.tuple([z.string(), z.string()])]));
const mutationData = z.object({
  texts: z.array(z.object({ id, value: z.string().nullable() })),
  attributes: z.array(z.object({ id, attributes: z.record(z.string(), z.union([z.string(), z.null(), styleDiff])) })),
  removes: z.array(z.object({ parentId: id, id, isShadow: z.boolean().optional() })),
  adds: z.array(z.object({ parentId: id, nextId: id.nullable(), previousId: id.nullable().optional(), node: z.unknown() })),
  isAttachIframe: z.boolean().optional(),
});
const positions = z.object({ positions: z.array(z.object({ x: num, y: num, id, timeOffset: num })) });
const styleRule = z.object({ rule: z.string(), index: index.optional() });

/** Incremental snapshot data by rrweb's IncrementalSource. */
const INCREMENTAL: Record<number, z.ZodType> = {
  0: mutationData,
  1: positions,
  2: z.object({ type: z.int().min(0).max(10), id, x: num.optional(), y: num.optional(), pointerType: z.int().optional() }),
  3: z.object({ id, x: num, y: num }),
  4: z.object({ width: num, height: num }),
  5: z.object({ id, text: z.string(), isChecked: z.boolean(), userTriggered: z.boolean().optional() }),
  6: positions,
  7: z.object({
    type: z.int(),
    id,
    currentTime: num.optional(),
    volume: num.optional(),
    muted: z.boolean().optional(),
    loop: z.boolean().optional(),
    playbackRate: num.optional(),
  }),
  8: z.object({
    id: id.optional(),
    styleId: id.optional(),
    removes: z.array(z.object({ index })).optional(),
    adds: z.array(styleRule).optional(),
    replace: z.string().optional(),
    replaceSync: z.string().optional(),
  }),
  // Canvas and console data are never recorded; the scrubbers drop them whatever they hold.
  9: z.object({ id }),
  10: z.object({ family: z.string(), fontSource: z.string(), buffer: z.boolean() }),
  11: z.object({}),
  12: positions,
  13: z.object({
    id: id.optional(),
    styleId: id.optional(),
    index: z.array(z.int()),
    set: z.object({ property: z.string(), value: z.string().nullable(), priority: z.string().optional() }).optional(),
    remove: z.object({ property: z.string() }).optional(),
  }),
  14: z.object({ ranges: z.array(z.object({ start: id, startOffset: z.int(), end: id, endOffset: z.int() })) }),
  15: z.object({ id, styleIds: z.array(id), styles: z.array(z.object({ styleId: id, rules: z.array(styleRule) })).optional() }),
  16: z.object({ define: z.object({ name: z.string() }).optional() }),
};

const object = z.object({});
/** Event data by rrweb's EventType (0-6; rrweb 2.2.2 records no others). */
const BY_TYPE: Record<number, z.ZodType> = {
  0: object,
  1: object,
  2: z.object({ node: z.unknown(), initialOffset: z.object({ top: num, left: num }) }),
  3: z.object({ source: z.int() }),
  4: z.object({ href: z.string(), width: num, height: num }),
  5: z.object({ tag: z.string().max(200), payload: z.unknown() }),
  6: z.object({ plugin: z.string().max(200), payload: z.unknown() }),
};

export interface PayloadIssue {
  /** Where, from the event (`data.node.childNodes[2].tagName`). */
  path: PropertyKey[];
  message: string;
}

/** The first thing wrong with an event's payload, or null when rrweb could have made it. */
export function rrwebPayloadIssue(event: RrwebEvent): PayloadIssue | null {
  const schema = BY_TYPE[event.type];
  if (!schema) return { path: ['type'], message: `rrweb has no event type ${event.type}` };
  const data = schema.safeParse(event.data);
  if (!data.success) return firstIssue(data.error, ['data']);
  switch (event.type) {
    case 2:
      return treeIssue((event.data as { node: unknown }).node, ['data', 'node']);
    case 3:
      return incrementalIssue(event.data as { source: number });
    default:
      return null;
  }
}

function incrementalIssue(data: { source: number; adds?: Array<{ node: unknown }> }): PayloadIssue | null {
  const schema = INCREMENTAL[data.source];
  if (!schema) return { path: ['data', 'source'], message: `rrweb has no incremental source ${data.source}` };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return firstIssue(parsed.error, ['data']);
  if (data.source !== 0) return null;
  for (const [i, add] of (data.adds ?? []).entries()) {
    const issue = treeIssue(add.node, ['data', 'adds', i, 'node']);
    if (issue) return issue;
  }
  return null;
}

interface Frame {
  node: unknown;
  depth: number;
  parent: Frame | null;
  /** Index in the parent's childNodes. */
  at: number;
}

/**
 * Every node of a serialized tree checked, depth first with an explicit
 * stack; paths are built only for the node that is wrong, from parent links.
 */
export function treeIssue(root: unknown, rootPath: PropertyKey[]): PayloadIssue | null {
  const stack: Frame[] = [{ node: root, depth: 1, parent: null, at: -1 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const parsed = serializedNodeSchema.safeParse(frame.node);
    if (!parsed.success) return firstIssue(parsed.error, pathOf(frame, rootPath));
    const kids = (parsed.data as { childNodes?: unknown[] }).childNodes;
    if (!kids || kids.length === 0) continue;
    if (frame.depth >= MAX_NODE_DEPTH) {
      return { path: pathOf(frame, rootPath), message: `node tree nested deeper than ${MAX_NODE_DEPTH} levels` };
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: frame.depth + 1, parent: frame, at: i });
  }
  return null;
}

function pathOf(frame: Frame, rootPath: PropertyKey[]): PropertyKey[] {
  const tail: PropertyKey[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) tail.push('childNodes', f.at);
  const steps: PropertyKey[] = [];
  for (let i = tail.length - 2; i >= 0; i -= 2) steps.push(tail[i]!, tail[i + 1]!);
  return [...rootPath, ...steps];
}

function firstIssue(error: z.ZodError, prefix: PropertyKey[]): PayloadIssue {
  const issue = error.issues[0]!;
  return { path: [...prefix, ...issue.path], message: issue.message };
}
