import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { mapLimit } from '../util/map-limit';

/** Temp files are hidden and end in `.tmp`, so startup can recognise leftovers. */
export const TEMP_SUFFIX = '.tmp';
export const isTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith(TEMP_SUFFIX);

export interface FileToWrite {
  path: string;
  data: string | Buffer;
}

/**
 * Writes each file atomically and durably: temp file in the same directory,
 * fsync it, rename over the target, then fsync each touched directory once
 * (one directory fsync covers all renames into it). When this resolves, every
 * file survives a crash; a reader never sees a partial file.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[], opts: { sync?: boolean } = {}): Promise<void> {
  const sync = opts.sync ?? true;
  const results = await mapLimit(files, 16, (file) => writeTemp(file.path, file.data, sync).catch((err: Error) => err));
  const temps = results.filter((r): r is string => typeof r === 'string');
  const failure = results.find((r): r is Error => r instanceof Error);
  let renamed = 0;
  try {
    if (failure) throw failure;
    for (const file of files) {
      await rename(temps[renamed] as string, file.path);
      renamed++;
    }
  } catch (err) {
    await Promise.all(temps.slice(renamed).map((t) => rm(t, { force: true })));
    throw err;
  }
  if (sync) for (const dir of new Set(files.map((f) => dirname(f.path)))) await fsyncDir(dir);
}

/**
 * With `sync: false` the files are renamed into place without any fsync: a
 * process killed afterwards leaves them whole (the page cache survives it),
 * but only a later syncFiles (server/store/deferred-sync.ts) makes them
 * survive a power cut. Only for data a write-ahead log can write again.
 */
async function writeTemp(path: string, data: string | Buffer, sync = true): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function writeFileAtomic(path: string, data: string | Buffer, opts: { sync?: boolean } = {}): Promise<void> {
  await writeFilesAtomic([{ path, data }], opts);
}

/** mkdir -p that also fsyncs the parents of new directories, so the directories themselves are durable. */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    await fsyncDir(dirname(d));
    if (d === first || dirname(d) === d) break;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot fsync a directory; renames are still atomic there.
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}
