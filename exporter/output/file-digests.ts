import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MANIFEST, WORK } from './layout';

/** Every file of the dataset folder (but the manifest and the working state), sorted, relative with '/'. */
export async function datasetFiles(out: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(out, full).split(sep).join('/');
      if (rel === WORK || rel === MANIFEST) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(rel);
    }
  };
  await walk(out);
  return files.sort();
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fileDigests(out: string): Promise<Array<{ path: string; bytes: number; sha256: string }>> {
  const out_: Array<{ path: string; bytes: number; sha256: string }> = [];
  for (const path of await datasetFiles(out)) {
    const full = join(out, path);
    out_.push({ path, bytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return out_;
}
