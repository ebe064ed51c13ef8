import type { StoredConsentReceipt } from '../../lib/schema/consent-receipt';
import type { Tombstone } from '../../lib/schema/erasure';
import type { ExportLineage } from '../../lib/schema/export-lineage';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import type { FsExportLineage } from './fs-export-lineage';
import type { FsLifecycleRecords } from './fs-lifecycle';
import type { InstallRecords } from './store';

/**
 * The fs store's records about installs (consent receipts, tombstones,
 * credentials in FsLifecycleRecords; export lineages in FsExportLineage),
 * apart from its session data (session-store.ts builds on this).
 */
export class FsInstallRecords implements InstallRecords {
  constructor(
    protected readonly lifecycle: FsLifecycleRecords,
    /** Read from disk each time (the exporter writes them). */
    private readonly exports: FsExportLineage,
    private readonly readOnly: boolean,
  ) {}

  /** Throws on a store opened read-only (the exporter's). */
  protected assertWritable(): void {
    if (this.readOnly) throw new Error('this store was opened read-only');
  }

  async putConsentReceipt(receipt: StoredConsentReceipt): ReturnType<InstallRecords['putConsentReceipt']> {
    this.assertWritable();
    return this.lifecycle.putConsentReceipt(receipt);
  }

  async consentReceipts(installId: string): Promise<StoredConsentReceipt[]> {
    return this.lifecycle.consentReceipts(installId);
  }

  async tombstone(installId: string): Promise<Tombstone | null> {
    return this.lifecycle.tombstone(installId);
  }

  async listConsentReceipts(): Promise<StoredConsentReceipt[]> {
    return this.lifecycle.allConsentReceipts();
  }

  async listTombstones(): Promise<Tombstone[]> {
    return this.lifecycle.allTombstones();
  }

  async putTombstone(tombstone: Tombstone): Promise<Tombstone> {
    this.assertWritable();
    return this.lifecycle.putTombstone(tombstone);
  }

  /** Allowed read-only too: the exporter's one write (an atomic file of its own, which the server never caches). */
  async putExportLineage(record: ExportLineage): Promise<void> {
    await this.exports.put(record);
  }

  async exportLineage(exportId: string): Promise<ExportLineage | null> {
    return this.exports.get(exportId);
  }

  async listExportLineages(): Promise<ExportLineage[]> {
    return this.exports.list();
  }

  async forgetInstallInExports(installId: string): Promise<number> {
    this.assertWritable();
    return this.exports.forgetInstall(installId);
  }

  async installCredential(installId: string): Promise<StoredInstallCredential | null> {
    return this.lifecycle.credentials.get(installId);
  }

  async putInstallCredential(record: StoredInstallCredential): Promise<boolean> {
    this.assertWritable();
    return this.lifecycle.credentials.put(record);
  }

  async listInstallCredentials(): Promise<StoredInstallCredential[]> {
    return this.lifecycle.credentials.all();
  }
}
