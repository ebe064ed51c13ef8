import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { storedInstallCredentialSchema, type StoredInstallCredential } from '../../lib/schema/install-credential-record';
import { KeyedLock } from '../util/keyed-lock';
import { ensureDir, isTempFile, writeFileAtomic } from './atomic-write';

/**
 * The fs store's install credential records (hashes only, never a
 * credential), one file per install, written atomically and durably before
 * they count, and kept in memory (every upload checks one):
 *   installs/<installId>.json
 * Ids are validated (uuid) by the routes before they reach a path.
 */
export class FsInstallCredentials {
  readonly #locks = new KeyedLock();

  private constructor(
    private readonly dir: string,
    private readonly records: Map<string, StoredInstallCredential>,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<FsInstallCredentials> {
    const dir = join(root, 'installs');
    if (!opts.readOnly) await ensureDir(dir);
    const records = new Map<string, StoredInstallCredential>();
    const files = (await readdir(dir).catch(() => [] as string[])).filter((n) => !isTempFile(n));
    for (const file of files) {
      try {
        const record = storedInstallCredentialSchema.parse(JSON.parse(await readFile(join(dir, file), 'utf8')));
        records.set(record.installId, record);
      } catch (err) {
        // Written atomically: an unreadable one is damage. Its install is refused until it enrols again.
        log.error({ err, file }, 'unreadable install credential record; ignored');
      }
    }
    return new FsInstallCredentials(dir, records);
  }

  get(installId: string): StoredInstallCredential | null {
    return this.records.get(installId) ?? null;
  }

  all(): StoredInstallCredential[] {
    return [...this.records.values()].sort((a, b) => (a.installId < b.installId ? -1 : a.installId > b.installId ? 1 : 0));
  }

  async put(record: StoredInstallCredential): Promise<boolean> {
    return this.#locks.run([record.installId], async () => {
      const storedVersion = this.records.get(record.installId)?.version ?? 0;
      if (storedVersion !== record.version - 1) return false;
      await writeFileAtomic(join(this.dir, `${record.installId}.json`), JSON.stringify(record));
      this.records.set(record.installId, record);
      return true;
    });
  }

  /** Erasure: the install's record goes with its data (its tombstone refuses it from then on). */
  async delete(installId: string): Promise<void> {
    await this.#locks.run([installId], async () => {
      await rm(join(this.dir, `${installId}.json`), { force: true });
      this.records.delete(installId);
    });
  }
}
