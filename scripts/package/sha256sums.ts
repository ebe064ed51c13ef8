import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './list-files';

/** SHA256SUMS for every file under `dir` (as `sha256sum -c SHA256SUMS` checks it), in name order. */
export function sha256sums(dir: string): string {
  const files = listFiles(dir).filter((f) => f !== 'SHA256SUMS');
  return files
    .map(
      (f) =>
        `${createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex')}  ${f}\n`,
    )
    .join('');
}
