import { createReadStream } from 'node:fs';

export interface LogLine {
  /** 1-based, as an editor shows it. */
  line: number;
  text: string;
  /** False only for a last line with no newline after it: a write torn by a crash. */
  terminated: boolean;
}

/** The lines of a log file, streamed (the log grows without bound); none when the file does not exist. */
export async function* logLines(path: string): AsyncGenerator<LogLine> {
  let rest = '';
  let line = 0;
  try {
    for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
      const parts = (rest + (piece as string)).split('\n');
      rest = parts.pop()!;
      for (const text of parts) yield { line: ++line, text, terminated: true };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (rest !== '') yield { line: line + 1, text: rest, terminated: false };
}
