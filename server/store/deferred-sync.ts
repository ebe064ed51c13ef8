import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mapLimit } from '../util/map-limit';
import { fsyncDir } from './atomic-write';

/**
 * Files (and new directories) written without fsync since a write-ahead log
 * segment began, to be made durable together when that segment is retired
 * (server/store/write-ahead-log.ts). By then the kernel has usually written
 * them back already, so each fsync finds little or nothing to do.
 */
export class DeferredSync {
  readonly #files = new Set<string>();
  readonly #dirs = new Set<string>();
  /** Files written only when the segment retires (the latest version then), by key; each returns what it wrote. */
  readonly #later = new Map<string, () => Promise<string | null>>();

  /** Writes `write` once, at flush, before the fsyncs (a later call with the same key replaces it). */
  later(key: string, write: () => Promise<string | null>): void {
    this.#later.delete(key);
    this.#later.set(key, write);
  }

  file(path: string): void {
    this.#files.add(path);
    this.#dirs.add(dirname(path));
  }

  /** A directory created (its entry in the parent must be made durable too). */
  dir(path: string): void {
    this.#dirs.add(path);
    this.#dirs.add(dirname(path));
  }

  get size(): number {
    return this.#files.size + this.#dirs.size + this.#later.size;
  }

  /** Writes what waited, then fsyncs every file, then every directory (deepest first, so a parent's entry follows its child's). */
  async flush(): Promise<void> {
    const written = await mapLimit([...this.#later.values()], 16, (write) => write());
    for (const path of written) if (path) this.file(path);
    this.#later.clear();
    await mapLimit([...this.#files], 16, syncFile);
    const dirs = [...this.#dirs].sort((a, b) => b.length - a.length);
    await mapLimit(dirs, 16, (dir) => fsyncDir(dir).catch(ignoreMissing));
    this.#files.clear();
    this.#dirs.clear();
  }
}

async function syncFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    // Deleted since (a session erased): nothing to make durable.
    return ignoreMissing(err);
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
