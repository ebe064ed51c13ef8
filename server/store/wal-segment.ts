import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { DeferredSync } from './deferred-sync';

/**
 * One segment file of the write-ahead log (server/store/write-ahead-log.ts)
 * and its record framing: [u32 length][u32 crc32][payload], little-endian.
 */
/** Bytes before each record's payload: its length and its crc32. */
const HEADER = 8;
/** A segment file's name: its sequence number in 16 hex digits. */
export const SEGMENT_NAME = /^([0-9a-f]{16})\.wal$/;

export class Segment {
  size = 0;
  /** Records being appended, or appended with their files not all written yet. */
  applying = 0;
  /** Called once `applying` is back to 0 (see WriteAheadLog.retireNow). */
  #drained: Array<() => void> = [];
  rotatedAt: number | null = null;
  readonly sync = new DeferredSync();

  constructor(
    readonly path: string,
    readonly handle: FileHandle | null,
    readonly createdAt: number,
  ) {}

  release(records: number): void {
    this.applying -= records;
    if (this.applying > 0) return;
    const waiters = this.#drained;
    this.#drained = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once every record appended to it is applied. */
  drained(): Promise<void> {
    if (this.applying <= 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }
}

/** One record as it is appended. */
export function frameRecord(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, HEADER);
  return frame;
}

/** Records of a segment, in order; a torn or corrupt tail (a crash mid-append: never acknowledged) ends it. */
export function parseSegment(data: Buffer): { records: Buffer[]; torn: boolean } {
  const records: Buffer[] = [];
  let at = 0;
  while (at + HEADER <= data.length) {
    const length = data.readUInt32LE(at);
    const sum = data.readUInt32LE(at + 4);
    if (at + HEADER + length > data.length) break;
    const payload = data.subarray(at + HEADER, at + HEADER + length);
    if (crc32(payload) !== sum) break;
    records.push(payload);
    at += HEADER + length;
  }
  return { records, torn: at !== data.length };
}
