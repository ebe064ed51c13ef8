import { gzipSync } from 'node:zlib';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';

/**
 * Where the bytes of a recording go: its events sorted into kinds (full
 * snapshots, DOM changes, pointer and scroll, webtrace's actions, the rest),
 * each kind's JSON and the gzip of that kind alone per upload (or per rrweb
 * window), summed. Gzip of a part alone is not its exact share of the whole
 * body's gzip, but it shows which part grows the wire.
 */
export const BYTE_KINDS = ['snapshot', 'mutation', 'pointer', 'action', 'other'] as const;
export type ByteKind = (typeof BYTE_KINDS)[number];

interface EventLike {
  type?: unknown;
  data?: { source?: unknown; tag?: unknown } | null;
}

/** rrweb EventType FullSnapshot 2, Incremental 3 (source 0 mutation; 1, 2, 3, 6, 12 pointer and scroll), Custom 5. */
const POINTER_SOURCES = new Set([1, 2, 3, 6, 12]);

export function byteKindOf(event: unknown): ByteKind {
  const e = event as EventLike;
  if (e.type === 2) return 'snapshot';
  if (e.type === 3 && e.data?.source === 0) return 'mutation';
  if (e.type === 3 && POINTER_SOURCES.has(e.data?.source as number)) return 'pointer';
  if (e.type === 5 && e.data?.tag === ACTION_EVENT_TAG) return 'action';
  return 'other';
}

export type Breakdown = Record<ByteKind, { json: number; gzip: number }>;

/** `groups`: the events of each upload (or window), in order. */
export function byteBreakdown(groups: readonly (readonly unknown[])[]): Breakdown {
  const out = Object.fromEntries(BYTE_KINDS.map((k) => [k, { json: 0, gzip: 0 }])) as Breakdown;
  for (const events of groups) {
    for (const kind of BYTE_KINDS) {
      const part = events.filter((e) => byteKindOf(e) === kind);
      if (part.length === 0) continue;
      const json = JSON.stringify(part);
      out[kind].json += json.length;
      out[kind].gzip += gzipSync(json).length;
    }
  }
  return out;
}
