import type { FileHandle } from 'node:fs/promises';

const BLOCK = 64 * 1024;
const NEWLINE = 0x0a;

export interface LogTail {
  /** The last newline-terminated line (without its newline), or null when there is none. */
  lastLine: string | null;
  /** Where the bytes after the last newline start (the file's size when it ends in a newline). */
  tornAt: number;
  /** Bytes after the last newline: what a crash tore mid-append (0 when the file ends in a newline). */
  tornBytes: number;
}

/** Reads the end of a log file backwards, a block at a time, only as far as its last complete line. */
export async function readLogTail(handle: FileHandle, size: number): Promise<LogTail> {
  // `buffered` holds the file's bytes [start, size).
  let start = size;
  let buffered = Buffer.alloc(0);
  const readBack = async (): Promise<boolean> => {
    if (start === 0) return false;
    const from = Math.max(0, start - BLOCK);
    const block = Buffer.alloc(start - from);
    await handle.read(block, 0, block.length, from);
    buffered = Buffer.concat([block, buffered]);
    start = from;
    return true;
  };
  /** Absolute offset of the last newline before absolute offset `before`, or -1. */
  const newlineBefore = async (before: number): Promise<number> => {
    for (;;) {
      const at = before - start - 1 >= 0 ? buffered.lastIndexOf(NEWLINE, before - start - 1) : -1;
      if (at >= 0) return start + at;
      if (!(await readBack())) return -1;
    }
  };
  const lastNewline = await newlineBefore(size);
  if (lastNewline < 0) return { lastLine: null, tornAt: 0, tornBytes: size };
  const previous = await newlineBefore(lastNewline);
  const lastLine = buffered.subarray(previous + 1 - start, lastNewline - start).toString('utf8');
  return { lastLine, tornAt: lastNewline + 1, tornBytes: size - lastNewline - 1 };
}
