import { EVENT, NODE, SOURCE, isObject, type MutationData, type SerializedNode } from '../privacy/rrweb-shapes';
import type { RrwebEvent } from '../schema/rrweb-event';

/** The part of rrweb's mirror this needs. */
export interface NodeLookup {
  getNode(id: number): Node | null;
}

/**
 * Sets rrweb's `isCustom` on the serialized elements of a full snapshot or of
 * a mutation's additions that are defined custom elements of the page, as
 * rrweb does itself where it can see the page's registry (in the isolated
 * world it cannot: custom-elements-shim.ts). The replayer defines a stand-in
 * element for each, so `:defined` styles (web components hidden until they
 * upgrade) replay as the page showed them. A custom element's name has a
 * hyphen; the live element says whether it is defined (`:defined`).
 * Modifies the event in place, before the scrubber copies it.
 */
export function markCustomElements(event: RrwebEvent, mirror: NodeLookup): void {
  const data = event.data;
  if (!isObject(data)) return;
  if (event.type === EVENT.FullSnapshot && isObject(data.node)) {
    markTree(data.node as SerializedNode, mirror);
  } else if (event.type === EVENT.Incremental && data.source === SOURCE.Mutation) {
    for (const add of (data as MutationData).adds ?? []) if (isObject(add.node)) markTree(add.node, mirror);
  }
}

function markTree(root: SerializedNode, mirror: NodeLookup): void {
  const stack: SerializedNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (
      node.type === NODE.Element &&
      typeof node.tagName === 'string' &&
      node.tagName.includes('-') &&
      isDefined(mirror.getNode(node.id))
    ) {
      node.isCustom = true;
    }
    const children = node.childNodes;
    if (children) for (let i = 0; i < children.length; i++) stack.push(children[i]!);
  }
}

function isDefined(node: Node | null): boolean {
  if (!node || node.nodeType !== 1) return false;
  try {
    return (node as Element).matches(':defined');
  } catch {
    return false;
  }
}
