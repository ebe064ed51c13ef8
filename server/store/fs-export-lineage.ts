import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { exportLineageSchema, type ExportLineage } from '../../lib/schema/export-lineage';
import { byCreation, forgetInstall } from '../../lib/rules/lineage/lineage-rules';
import { KeyedLock } from '../util/keyed-lock';
import { ensureDir, isTempFile, writeFileAtomic } from './atomic-write';

/**
 * The fs store's export lineages (issues 13, 16), one file per export,
 * written atomically and durably:
 *   exports/<exportId>.json
 * Never cached: the exporter writes them from its own process (with the
 * store opened read-only) while the server may be erasing, so every read
 * goes to the disk. Export ids are validated (exportIdSchema) before they
 * reach a path.
 */
export class FsExportLineage {
  readonly #locks = new KeyedLock();
  readonly #dir: string;

  constructor(
    root: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.#dir = join(root, 'exports');
  }

  async put(record: ExportLineage): Promise<void> {
    const parsed = exportLineageSchema.parse(record);
    await this.#locks.run([parsed.exportId], async () => {
      await ensureDir(this.#dir);
      await writeFileAtomic(join(this.#dir, `${parsed.exportId}.json`), JSON.stringify(parsed));
    });
  }

  async get(exportId: string): Promise<ExportLineage | null> {
    return this.#read(`${exportId}.json`);
  }

  /** Every readable record, oldest first (by createdAt, then id); an unreadable one is logged and skipped. */
  async list(): Promise<ExportLineage[]> {
    const files = (await readdir(this.#dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !isTempFile(n));
    const records: ExportLineage[] = [];
    for (const file of files) {
      const record = await this.#read(file).catch((err: Error) => {
        this.log.error({ err, file: `exports/${file}` }, 'unreadable export lineage record; ignored');
        return null;
      });
      if (record) records.push(record);
    }
    return records.sort(byCreation);
  }

  /** Erasure: the install's entry in every export that contained it becomes `{pseudonym, erased}`; how many exports did. */
  async forgetInstall(installId: string): Promise<number> {
    let marked = 0;
    for (const { exportId } of await this.list()) {
      await this.#locks.run([exportId], async () => {
        // Read again under the lock: a concurrent erasure of another install of this export must not be lost.
        const current = await this.#read(`${exportId}.json`);
        const next = current && forgetInstall(current, installId);
        if (!next) return;
        await writeFileAtomic(join(this.#dir, `${exportId}.json`), JSON.stringify(next));
        marked += 1;
      });
    }
    return marked;
  }

  /** Null when there is no such file. */
  async #read(file: string): Promise<ExportLineage | null> {
    let text: string;
    try {
      text = await readFile(join(this.#dir, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return exportLineageSchema.parse(JSON.parse(text));
  }
}
