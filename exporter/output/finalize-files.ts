import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PartSummary } from '../../lib/schema/export-work';
import { finalPath, partDir } from './layout';

/** Final shard folders: cleared before the parts are laid out again, so no stale shard survives a re-run. */
const SHARD_DIRS = ['steps', 'episodes', 'grounding', 'jsonl', 'views'];

/**
 * Lays the finished parts' files out under their final names,
 * `{split}-0000k-of-0000n`, numbered across parts in part order. Hard links
 * (the parts stay intact until the manifest is written, so a crash here is
 * repaired by running again); a copy where links are not possible.
 * Returns the final paths, relative to `out`.
 */
export async function finalizeFiles(out: string, parts: readonly PartSummary[]): Promise<string[]> {
  for (const d of SHARD_DIRS) await rm(join(out, d), { recursive: true, force: true });
  const groups = new Map<string, Array<{ part: number; file: string; f: PartSummary['files'][number] }>>();
  for (const part of parts) {
    for (const f of part.files) {
      const key = `${f.kind}/${f.table ?? ''}/${f.split}`;
      const list = groups.get(key) ?? [];
      list.push({ part: part.index, file: f.file, f });
      groups.set(key, list);
    }
  }
  const written: string[] = [];
  for (const list of [...groups.values()]) {
    for (const [k, { part, file, f }] of list.entries()) {
      const relative = finalPath(f.kind, f.table, f.split, k, list.length);
      const target = join(out, relative);
      await mkdir(dirname(target), { recursive: true });
      const source = join(partDir(out, part), file);
      await link(source, target).catch(() => copyFile(source, target));
      written.push(relative);
    }
  }
  return written.sort();
}
