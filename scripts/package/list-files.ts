import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, as `/`-separated paths relative to it, in name order. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
