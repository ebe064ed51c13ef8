import type { RrwebEvent } from '../schema/rrweb-event';
import { MAX_NODE_DEPTH } from '../schema/node-depth';
import type { DepthCut } from '../schema/depth-cut';
import { depthCutEvent } from '../schema/marker-events';

/**
 * Bounds the depth of the node trees in an rrweb event (a full snapshot, the
 * nodes a mutation adds): a node at `maxDepth` that has children keeps its
 * place, id and attributes but loses its children and is marked
 * `data-webtrace-cut="too-deep"` (the placeholder the replay shows). A page
 * nested deeper than that (a thousand levels is easy by script) would
 * otherwise not fit IndexedDB, storage or the server, and stop the recording.
 * Walks with an explicit stack; an event within the bound is returned as is.
 */
export interface CutResult {
  event: RrwebEvent;
  /** What was cut, or null when nothing was. */
  cut: DepthCut | null;
}

interface TreeNode {
  type?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: unknown[];
  [key: string]: unknown;
}

export const CUT_ATTRIBUTE = 'data-webtrace-cut';

export function cutDeepNodes(event: RrwebEvent, maxDepth: number = MAX_NODE_DEPTH): CutResult {
  const data = event.data as { node?: unknown; source?: unknown; adds?: Array<{ node?: unknown }> } | null;
  if (!data || typeof data !== 'object') return { event, cut: null };
  if (event.type === 2 && depthOf(data.node, maxDepth) > maxDepth) {
    const cut = newCut(maxDepth);
    return { event: { ...event, data: { ...data, node: cutTree(data.node as TreeNode, maxDepth, cut) } }, cut };
  }
  if (event.type === 3 && data.source === 0 && Array.isArray(data.adds) && data.adds.some((a) => depthOf(a?.node, maxDepth) > maxDepth)) {
    const cut = newCut(maxDepth);
    const adds = data.adds.map((a) =>
      depthOf(a?.node, maxDepth) > maxDepth ? { ...a, node: cutTree(a.node as TreeNode, maxDepth, cut) } : a,
    );
    return { event: { ...event, data: { ...data, adds } }, cut };
  }
  return { event, cut: null };
}

/** The event, and after it the marker saying what was cut (when something was). */
export function cutDeepEvents(event: RrwebEvent, maxDepth: number = MAX_NODE_DEPTH): { events: RrwebEvent[]; cut: DepthCut | null } {
  const { event: bounded, cut } = cutDeepNodes(event, maxDepth);
  return { events: cut ? [bounded, depthCutEvent(event.timestamp, cut)] : [bounded], cut };
}

const newCut = (maxDepth: number): DepthCut => ({ placeholders: 0, omitted: 0, maxDepth });

const kidsOf = (node: unknown): unknown[] | null => {
  const kids = (node as TreeNode | null)?.childNodes;
  return node !== null && typeof node === 'object' && Array.isArray(kids) && kids.length > 0 ? kids : null;
};

/** Levels of a tree (a lone node is 1), counted without recursion; stops once past `stopAbove`. */
export function depthOf(root: unknown, stopAbove = Infinity): number {
  if (root === null || typeof root !== 'object') return 0;
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAbove) return deepest;
    for (const kid of kidsOf(node) ?? []) stack.push([kid, depth + 1]);
  }
  return deepest;
}

/** A copy of the tree with every node at maxDepth emptied into a placeholder; counts into `cut`. */
function cutTree(root: TreeNode, maxDepth: number, cut: DepthCut): TreeNode {
  const copy: TreeNode = { ...root };
  const stack: Array<[TreeNode, number]> = [[copy, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const kids = kidsOf(node);
    if (!kids) continue;
    if (depth >= maxDepth) {
      cut.placeholders += 1;
      cut.omitted += countNodes(kids);
      node.childNodes = [];
      if (node.attributes && typeof node.attributes === 'object') node.attributes = { ...node.attributes, [CUT_ATTRIBUTE]: 'too-deep' };
      continue;
    }
    node.childNodes = kids.map((kid) => (kid !== null && typeof kid === 'object' ? { ...(kid as TreeNode) } : kid));
    for (const kid of node.childNodes) if (kid !== null && typeof kid === 'object') stack.push([kid as TreeNode, depth + 1]);
  }
  return copy;
}

function countNodes(nodes: unknown[]): number {
  let n = 0;
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop();
    n += 1;
    for (const kid of kidsOf(node) ?? []) stack.push(kid);
  }
  return n;
}

/**
 * A chunk with its node trees bounded: the worker's second line, for a chunk
 * a recorder sent without (it cuts before scrubbing). What it cuts is reported
 * by one marker after the last event it cut.
 */
export function cutDeepChunk<T extends { events: RrwebEvent[] }>(
  chunk: T,
  maxDepth: number = MAX_NODE_DEPTH,
): { chunk: T; cut: DepthCut | null } {
  let total: DepthCut | null = null;
  let last = -1;
  const events = chunk.events.map((event, i) => {
    const { event: bounded, cut } = cutDeepNodes(event, maxDepth);
    if (cut) {
      total = { placeholders: (total?.placeholders ?? 0) + cut.placeholders, omitted: (total?.omitted ?? 0) + cut.omitted, maxDepth };
      last = i;
    }
    return bounded;
  });
  if (!total) return { chunk, cut: null };
  events.splice(last + 1, 0, depthCutEvent(events[last]!.timestamp, total));
  return { chunk: { ...chunk, events }, cut: total };
}
