import type { Chunk } from '../schema/chunk';
import type { SeqRange } from '../schema/dropped-chunks';
import { addSeqRange, subtractSeqRanges } from '../schema/seq-ranges';

/**
 * The chunks a recorder holds until the worker acknowledges them as durable, oldest first, within
 * caps: past a cap the oldest go (never the newest), each counted and remembered as a drop range to
 * report with the next chunks, until a chunk carrying the report is acknowledged. No port, no timer.
 */
export interface HeldChunk {
  chunk: Chunk;
  /** Its events as JSON: what the port carries (lib/schema/recorder-port.ts); its length is the byte count. */
  eventsJson: string;
  bytes: number;
  /** Drop ranges carried the last time it was posted: its ack means the worker stored them. */
  carried: SeqRange[];
}

export interface WindowCaps {
  maxChunks: number;
  /** JSON bytes of the events; the newest chunk is always kept. */
  maxBytes: number;
}

/** The port message carries at most this many drop ranges: the oldest are widened rather than forgotten. */
export const MAX_REPORTED_RANGES = 100;

export function createUnackedWindow(caps: WindowCaps) {
  // Insertion order is seq order: the oldest is first.
  const held = new Map<number, HeldChunk>();
  let bytes = 0;
  let drops: SeqRange[] = [];
  const counts = { dropped: 0, peakUnacked: 0, peakUnackedBytes: 0 };

  const release = (seq: number): HeldChunk | undefined => {
    const h = held.get(seq);
    if (!h) return undefined;
    held.delete(seq);
    bytes -= h.bytes;
    return h;
  };

  const enforceCaps = () => {
    while (held.size > 1 && (held.size > caps.maxChunks || bytes > caps.maxBytes)) {
      const seq = held.keys().next().value!;
      release(seq);
      counts.dropped += 1;
      drops = addSeqRange(drops, seq);
    }
    while (drops.length > MAX_REPORTED_RANGES) {
      const [a, b, ...rest] = drops;
      drops = [{ fromSeq: a!.fromSeq, toSeq: b!.toSeq }, ...rest];
    }
  };

  return {
    add(chunk: Chunk, eventsJson: string): HeldChunk {
      const h: HeldChunk = { chunk, eventsJson, bytes: eventsJson.length, carried: [] };
      held.set(chunk.seq, h);
      bytes += h.bytes;
      enforceCaps();
      counts.peakUnacked = Math.max(counts.peakUnacked, held.size);
      counts.peakUnackedBytes = Math.max(counts.peakUnackedBytes, bytes);
      return h;
    },
    /** The drop report a chunk carries as it is posted now. */
    carry(h: HeldChunk): SeqRange[] {
      h.carried = drops.slice();
      return h.carried;
    },
    /** The worker stored the chunk, and the drop report it carried. False when it was not held. */
    acknowledge(seq: number): boolean {
      const h = release(seq);
      if (!h) return false;
      drops = subtractSeqRanges(drops, h.carried);
      return true;
    },
    /** The worker will never store the chunk. False when it was not held. */
    forget: (seq: number): boolean => release(seq) !== undefined,
    all: (): HeldChunk[] => [...held.values()],
    /** The newest chunks within `maxBytes`, oldest first; at least one when any is held. */
    newest(maxBytes: number): Chunk[] {
      const out: Chunk[] = [];
      let total = 0;
      for (const h of [...held.values()].reverse()) {
        if (out.length > 0 && total + h.bytes > maxBytes) break;
        out.unshift(h.chunk);
        total += h.bytes;
      }
      return out;
    },
    get drops(): SeqRange[] {
      return drops;
    },
    get size(): number {
      return held.size;
    },
    get bytes(): number {
      return bytes;
    },
    counts,
  };
}
export type UnackedWindow = ReturnType<typeof createUnackedWindow>;
