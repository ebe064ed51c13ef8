import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { storedConsentReceiptSchema, type StoredConsentReceipt } from '../../lib/schema/consent-receipt';
import { tombstoneSchema, type Tombstone } from '../../lib/schema/erasure';
import { KeyedLock } from '../util/keyed-lock';
import { FsInstallCredentials } from './fs-install-credentials';
import { ensureDir, isTempFile, writeFileAtomic } from './atomic-write';
import { receiptsByInstall, receiptsInOrder, sameConsentReceipt } from './store';

/**
 * The fs store's consent receipts and tombstones, written durably (fsync)
 * before they are acknowledged and kept in memory (batches check them):
 *   consent/<installId>/<receiptId>.json   one immutable file per receipt
 *   tombstones/<installId>.json            one per erased install
 * Ids are validated (uuid) by the routes before they reach a path.
 */
export class FsLifecycleRecords {
  readonly #locks = new KeyedLock();

  private constructor(
    private readonly root: string,
    private readonly receipts: Map<string, Map<string, StoredConsentReceipt>>,
    private readonly tombstones: Map<string, Tombstone>,
    /** Per-install credentials (issue 16), in their own directory. */
    readonly credentials: FsInstallCredentials,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<FsLifecycleRecords> {
    if (!opts.readOnly) {
      await ensureDir(join(root, 'consent'));
      await ensureDir(join(root, 'tombstones'));
    }
    const receipts = new Map<string, Map<string, StoredConsentReceipt>>();
    for (const install of await names(join(root, 'consent'))) {
      const byId = new Map<string, StoredConsentReceipt>();
      for (const file of await names(join(root, 'consent', install))) {
        const receipt = await readRecord(join(root, 'consent', install, file), (v) => storedConsentReceiptSchema.parse(v), log);
        if (receipt) byId.set(receipt.receiptId, receipt);
      }
      receipts.set(install, byId);
    }
    const tombstones = new Map<string, Tombstone>();
    for (const file of await names(join(root, 'tombstones'))) {
      const tombstone = await readRecord(join(root, 'tombstones', file), (v) => tombstoneSchema.parse(v), log);
      if (tombstone) tombstones.set(tombstone.installId, tombstone);
    }
    return new FsLifecycleRecords(root, receipts, tombstones, await FsInstallCredentials.open(root, log, opts));
  }

  async putConsentReceipt(
    receipt: StoredConsentReceipt,
  ): Promise<{ outcome: 'created' | 'same' | 'conflict'; stored: StoredConsentReceipt }> {
    return this.#locks.run([`receipt:${receipt.receiptId}`], async () => {
      const existing = this.#find(receipt.receiptId);
      if (existing) return { outcome: sameConsentReceipt(existing, receipt) ? 'same' : 'conflict', stored: existing };
      const dir = join(this.root, 'consent', receipt.installId);
      await ensureDir(dir);
      await writeFileAtomic(join(dir, `${receipt.receiptId}.json`), JSON.stringify(receipt));
      const byId = this.receipts.get(receipt.installId) ?? new Map<string, StoredConsentReceipt>();
      byId.set(receipt.receiptId, receipt);
      this.receipts.set(receipt.installId, byId);
      return { outcome: 'created', stored: receipt };
    });
  }

  /** A receipt id names one receipt across installs (the same id under another install is a conflict too). */
  #find(receiptId: string): StoredConsentReceipt | undefined {
    for (const byId of this.receipts.values()) {
      const found = byId.get(receiptId);
      if (found) return found;
    }
    return undefined;
  }

  consentReceipts(installId: string): StoredConsentReceipt[] {
    return [...(this.receipts.get(installId)?.values() ?? [])].sort(receiptsInOrder);
  }

  tombstone(installId: string): Tombstone | null {
    return this.tombstones.get(installId) ?? null;
  }

  allConsentReceipts(): StoredConsentReceipt[] {
    return [...this.receipts.values()].flatMap((byId) => [...byId.values()]).sort(receiptsByInstall);
  }

  allTombstones(): Tombstone[] {
    return [...this.tombstones.values()].sort((a, b) => (a.installId < b.installId ? -1 : a.installId > b.installId ? 1 : 0));
  }

  async putTombstone(tombstone: Tombstone): Promise<Tombstone> {
    return this.#locks.run([`tombstone:${tombstone.installId}`], async () => {
      const existing = this.tombstones.get(tombstone.installId);
      if (existing) return existing;
      await writeFileAtomic(join(this.root, 'tombstones', `${tombstone.installId}.json`), JSON.stringify(tombstone));
      this.tombstones.set(tombstone.installId, tombstone);
      return tombstone;
    });
  }
}

async function names(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => !isTempFile(n));
}

async function readRecord<T>(file: string, parse: (value: unknown) => T, log: FastifyBaseLogger): Promise<T | null> {
  try {
    return parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    // A receipt or tombstone is written atomically; one unreadable is damage, reported, not fatal.
    log.error({ err, file }, 'unreadable lifecycle record; ignored');
    return null;
  }
}
