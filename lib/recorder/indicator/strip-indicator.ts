import type { RrwebEvent } from '../../schema/rrweb-event';

/**
 * Removes the recording indicator's host from an rrweb event, so no node,
 * placeholder or pointer position of it is ever recorded (issue 19). rrweb's
 * blockSelector alone would keep a sized placeholder of it in the snapshot.
 * `hostId` is the host's rrweb mirror id (-1 when there is none). Returns
 * null when nothing of the event is left. Pure: the event is not mutated.
 */
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const SOURCE = { mutation: 0, mouseMove: 1, mouseInteraction: 2, touchMove: 6, drag: 12 } as const;

interface SerializedNode {
  id?: number;
  childNodes?: SerializedNode[];
}

/** The host hangs off <html> (document → html → host): only that deep is searched, a huge snapshot is not walked. */
function withoutNode(node: SerializedNode, id: number, depth = 2): SerializedNode {
  if (!node.childNodes || depth === 0) return node;
  const childNodes = node.childNodes.filter((child) => child.id !== id).map((child) => withoutNode(child, id, depth - 1));
  return { ...node, childNodes };
}

export function stripIndicator(event: RrwebEvent, hostId: number): RrwebEvent | null {
  if (hostId < 0) return event;
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  if (event.type === FULL_SNAPSHOT && data.node) {
    return { ...event, data: { ...data, node: withoutNode(data.node as SerializedNode, hostId) } };
  }
  if (event.type !== INCREMENTAL) return event;
  const source = data.source;
  if (source === SOURCE.mutation) {
    const adds = (data.adds as Array<{ node: SerializedNode; nextId: number | null }> | undefined) ?? [];
    const byId = <T extends { id: number }>(list: unknown) => ((list as T[] | undefined) ?? []).filter((m) => m.id !== hostId);
    return {
      ...event,
      data: {
        ...data,
        // The host is the last child of <html>: a node added before it is, without it, added at the end.
        adds: adds.filter((a) => a.node.id !== hostId).map((a) => (a.nextId === hostId ? { ...a, nextId: null } : a)),
        removes: byId(data.removes),
        texts: byId(data.texts),
        attributes: byId(data.attributes),
      },
    };
  }
  if (source === SOURCE.mouseInteraction) return data.id === hostId ? null : event;
  if (source === SOURCE.mouseMove || source === SOURCE.touchMove || source === SOURCE.drag) {
    const positions = ((data.positions as Array<{ id: number }> | undefined) ?? []).filter((p) => p.id !== hostId);
    return positions.length ? { ...event, data: { ...data, positions } } : null;
  }
  return event;
}
