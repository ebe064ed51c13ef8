import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { shotKeySchema, shotKeyString, type ShotKey } from '../../lib/schema/screenshot';
import { KeyedLock } from '../util/keyed-lock';
import { ensureDir, fsyncDir, isTempFile, TEMP_SUFFIX, writeFileAtomic } from './atomic-write';
import { existingShot, shotsInOrder, storedShotRecordSchema, type ShotPut, type StoredShotRecord } from './shot-record';
import { StoreCorruptError } from './store';

/**
 * The fs store's screenshots (issue 15), beside the sessions:
 *   shots/<sessionId>/<page>-<takenAt>.json           the record: written last, never overwritten (the commit point)
 *   shots/<sessionId>/<page>-<takenAt>.<sha256>.webp  the image, named by its content
 * A put writes the image durably, then links its record into place (link(2)
 * fails when the name exists, so of two writers of one key exactly one
 * creates it). A crash before the record leaves an image no record names:
 * never served, removed at the next start. Records are kept in memory
 * (ownership and the read API ask for them); ids are validated before they
 * reach a path.
 */
export class FsShots {
  readonly #locks = new KeyedLock();

  private constructor(
    private readonly dir: string,
    private readonly bySession: Map<string, Map<string, StoredShotRecord>>,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<FsShots> {
    const dir = join(root, 'shots');
    if (!opts.readOnly) await ensureDir(dir);
    const bySession = new Map<string, Map<string, StoredShotRecord>>();
    for (const sessionId of await names(dir)) {
      if (!shotKeySchema.shape.sessionId.safeParse(sessionId).success) continue;
      const records = await loadSession(join(dir, sessionId), log, opts.readOnly ?? false);
      if (records.size > 0) bySession.set(sessionId, records);
    }
    return new FsShots(dir, bySession);
  }

  /** The install that sent the session's first stored shot. */
  ownerOf(sessionId: string): string | undefined {
    const first = this.bySession.get(sessionId)?.values().next();
    return first && !first.done ? first.value.installId : undefined;
  }

  sessionsOf(installId: string): string[] {
    return [...this.bySession].filter(([id]) => this.ownerOf(id) === installId).map(([id]) => id);
  }

  /** Stores the shot unless its key holds one; resolves once record and image are durable. The caller checked ownership. */
  async put(record: StoredShotRecord, image: Buffer): Promise<ShotPut> {
    return this.#locks.run([shotKeyString(record)], async () => {
      const known = this.bySession.get(record.sessionId)?.get(shotKeyString(record));
      if (known) return existingShot(known, record.sha256);
      const sessionDir = join(this.dir, record.sessionId);
      await ensureDir(sessionDir);
      await writeFileAtomic(join(sessionDir, imageName(record)), image);
      const raced = await linkOnce(join(sessionDir, recordName(record)), JSON.stringify(record));
      if (raced !== null) {
        // Another process stored the key first: its record counts, and an image of other bytes goes.
        const put = existingShot(storedShotRecordSchema.parse(JSON.parse(raced)), record.sha256);
        if (put.outcome === 'conflict') await rm(join(sessionDir, imageName(record)), { force: true });
        this.#remember(put.stored);
        return put;
      }
      await fsyncDir(sessionDir);
      this.#remember(record);
      return { outcome: 'created', stored: record };
    });
  }

  #remember(record: StoredShotRecord): void {
    const records = this.bySession.get(record.sessionId) ?? new Map<string, StoredShotRecord>();
    records.set(shotKeyString(record), record);
    this.bySession.set(record.sessionId, records);
  }

  list(sessionId: string): StoredShotRecord[] {
    return [...(this.bySession.get(sessionId)?.values() ?? [])].sort(shotsInOrder);
  }

  count(sessionId: string): number {
    return this.bySession.get(sessionId)?.size ?? 0;
  }

  async readImage(key: ShotKey): Promise<Buffer | null> {
    const record = this.bySession.get(key.sessionId)?.get(shotKeyString(key));
    if (!record) return null;
    try {
      return await readFile(join(this.dir, key.sessionId, imageName(record)));
    } catch (err) {
      throw new StoreCorruptError(`the image of shot ${shotKeyString(key)} is unreadable: ${(err as Error).message}`);
    }
  }

  /** Removes a session's shots (durably); their number. */
  async erase(sessionId: string): Promise<number> {
    const n = this.count(sessionId);
    this.bySession.delete(sessionId);
    await rm(join(this.dir, sessionId), { recursive: true, force: true });
    await fsyncDir(this.dir);
    return n;
  }
}

const stem = ({ page, takenAt }: Pick<StoredShotRecord, 'page' | 'takenAt'>): string => `${String(page).padStart(6, '0')}-${takenAt}`;
const recordName = (key: Pick<StoredShotRecord, 'page' | 'takenAt'>): string => `${stem(key)}.json`;
const imageName = (record: StoredShotRecord): string => `${stem(record)}.${record.sha256}.webp`;

/**
 * Writes `data` to `path` unless it exists: a durable temp file linked to the
 * name (atomic, never overwrites). Null when this wrote it; else what the
 * name already holds.
 */
async function linkOnce(path: string, data: string): Promise<string | null> {
  const temp = join(path, '..', `.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFile(path, 'utf8');
    throw err;
  } finally {
    await rm(temp, { force: true });
  }
}

/** A session's records; temp files and images no record names (a put a crash cut short) are removed. */
async function loadSession(dir: string, log: FastifyBaseLogger, readOnly: boolean): Promise<Map<string, StoredShotRecord>> {
  const records = new Map<string, StoredShotRecord>();
  const files = await names(dir, true);
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    try {
      const record = storedShotRecordSchema.parse(JSON.parse(await readFile(join(dir, file), 'utf8')));
      records.set(shotKeyString(record), record);
    } catch (err) {
      log.error({ err, file: join(dir, file) }, 'unreadable shot record; ignored');
    }
  }
  if (readOnly) return records;
  const named = new Set([...records.values()].map(imageName));
  const leftovers = files.filter((f) => isTempFile(f) || (f.endsWith('.webp') && !named.has(f)));
  for (const file of leftovers) await rm(join(dir, file), { force: true });
  if (leftovers.length) log.warn({ dir, removed: leftovers.length }, 'removed shot files left by an interrupted write');
  return records;
}

async function names(dir: string, withTemp = false): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => withTemp || !isTempFile(n));
}
