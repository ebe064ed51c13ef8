import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Every file under the data dir whose name or content (gunzipped when .gz) mentions one of `needles`,
 * relative paths, sorted. The audit log is skipped: it keeps which ids were read and erased (never
 * content), and that record is the point of it.
 */
export async function filesMentioning(dir: string, needles: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (path.relative(dir, file).startsWith('audit/')) continue;
    let text = await readFile(file);
    if (file.endsWith('.gz')) text = gunzipSync(text);
    const s = text.toString('utf8');
    if (needles.some((n) => s.includes(n) || file.includes(n))) out.push(path.relative(dir, file));
  }
  return out.sort();
}
