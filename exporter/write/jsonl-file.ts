import { appendFileSync, writeFileSync } from 'node:fs';

const FLUSH_CHARS = 1 << 20;

/** A JSON Lines file written in order, buffered (one JSON object per line, keys in the rows' own order). */
export class JsonlFile {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(readonly file: string) {
    writeFileSync(file, '');
  }

  add(row: unknown): void {
    const line = `${JSON.stringify(row)}\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.rows += 1;
    if (this.size >= FLUSH_CHARS) this.flush();
  }

  close(): void {
    this.flush();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    appendFileSync(this.file, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}
