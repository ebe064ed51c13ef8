import { describe, expect, it } from 'vitest';
import { CUT_ATTRIBUTE, cutDeepEvents, cutDeepNodes, depthOf } from '../../lib/rrweb/cut-deep-nodes';
import { depthCutOf } from '../../lib/schema/depth-cut';
import { MAX_NODE_DEPTH, rrwebPayloadIssue } from '../../lib/schema/rrweb-payload';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';

function nested(depth: number, firstId = 100): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 3, id: firstId + depth, textContent: 'deep' };
  for (let i = depth - 1; i >= 0; i--) node = { type: 2, id: firstId + i, tagName: 'div', attributes: { class: 'x' }, childNodes: [node] };
  return node;
}
const snapshot = (node: unknown): RrwebEvent => ({ type: 2, timestamp: 5, data: { node, initialOffset: { top: 0, left: 0 } } });
const page = (inner: unknown) => ({
  type: 0,
  id: 1,
  childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [inner] }],
});

/** The node at `depth` (1 = root) along the first children. */
function at(root: Record<string, unknown>, depth: number): Record<string, unknown> {
  let node = root;
  for (let d = 1; d < depth; d++) node = (node.childNodes as Record<string, unknown>[])[0]!;
  return node;
}

describe('cutDeepNodes', () => {
  it('cuts a page nested 1,000 deep to the bound, leaving a placeholder that keeps its id, and says so', () => {
    const event = snapshot(page(nested(1_000)));
    const { events, cut } = cutDeepEvents(event);
    const node = (events[0]!.data as { node: Record<string, unknown> }).node;
    expect(depthOf(node)).toBe(MAX_NODE_DEPTH);
    const placeholder = at(node, MAX_NODE_DEPTH);
    expect(placeholder).toMatchObject({
      type: 2,
      id: 100 + MAX_NODE_DEPTH - 3,
      tagName: 'div',
      childNodes: [],
      attributes: { class: 'x', [CUT_ATTRIBUTE]: 'too-deep' },
    });
    // document, html, then the chain: the rest of the chain plus its text are left out.
    expect(cut).toEqual({ placeholders: 1, omitted: 1_000 - (MAX_NODE_DEPTH - 2) + 1, maxDepth: MAX_NODE_DEPTH });
    expect(depthCutOf(events[1]!)).toEqual(cut);
    // What the server will accept, and the input untouched.
    expect(rrwebPayloadIssue(events[0]!)).toBeNull();
    expect(rrwebPayloadIssue(event)).not.toBeNull();
    expect(depthOf((event.data as { node: unknown }).node)).toBe(1_003);
  });

  it('returns an event within the bound as it is', () => {
    const event = snapshot(page(nested(MAX_NODE_DEPTH - 3)));
    expect(depthOf((event.data as { node: unknown }).node)).toBe(MAX_NODE_DEPTH);
    const { event: out, cut } = cutDeepNodes(event);
    expect(out).toBe(event);
    expect(cut).toBeNull();
  });

  it('cuts the trees a mutation adds, each on its own, and leaves the flat ones alone', () => {
    const flat = { parentId: 1, nextId: null, node: { type: 2, id: 50, tagName: 'p', attributes: {}, childNodes: [] } };
    const deep = { parentId: 1, nextId: null, node: nested(600) };
    const event: RrwebEvent = { type: 3, timestamp: 9, data: { source: 0, texts: [], attributes: [], removes: [], adds: [flat, deep] } };
    const { event: out, cut } = cutDeepNodes(event);
    const adds = (out.data as { adds: Array<{ node: unknown }> }).adds;
    expect(adds[0]).toBe(flat);
    expect(depthOf(adds[1]!.node)).toBe(MAX_NODE_DEPTH);
    expect(cut?.placeholders).toBe(1);
    expect(rrwebPayloadIssue(out)).toBeNull();
  });

  it('walks a tree 100,000 levels deep without running out of stack', () => {
    const { cut } = cutDeepNodes(snapshot(nested(100_000)));
    expect(cut?.placeholders).toBe(1);
  });
});
