import type pg from 'pg';
import type { StoredConsentReceipt } from '../../../lib/schema/consent-receipt';
import type { Tombstone } from '../../../lib/schema/erasure';
import type { ExportLineage } from '../../../lib/schema/export-lineage';
import type { StoredInstallCredential } from '../../../lib/schema/install-credential-record';
import type { InstallRecords } from '../store';
import { allInstallCredentialRows, installCredentialRow, putInstallCredentialRow } from './credential-rows';
import { allExportLineageRows, exportLineageRow, forgetInstallInExportRows, putExportLineageRow } from './export-lineage-rows';
import {
  allConsentReceiptRows,
  allTombstoneRows,
  consentReceiptRows,
  putConsentReceiptRow,
  putTombstoneRow,
  tombstoneRow,
} from './lifecycle-rows';

/**
 * The s3 store's records about installs: rows in PostgreSQL only (no
 * objects), apart from its session data (s3-store.ts builds on this).
 */
export class S3InstallRecords implements InstallRecords {
  constructor(readonly pool: pg.Pool) {}

  async putConsentReceipt(receipt: StoredConsentReceipt): ReturnType<InstallRecords['putConsentReceipt']> {
    return putConsentReceiptRow(this.pool, receipt);
  }

  async consentReceipts(installId: string): Promise<StoredConsentReceipt[]> {
    return consentReceiptRows(this.pool, installId);
  }

  async tombstone(installId: string): Promise<Tombstone | null> {
    return tombstoneRow(this.pool, installId);
  }

  async listConsentReceipts(): Promise<StoredConsentReceipt[]> {
    return allConsentReceiptRows(this.pool);
  }

  async listTombstones(): Promise<Tombstone[]> {
    return allTombstoneRows(this.pool);
  }

  async putTombstone(tombstone: Tombstone): Promise<Tombstone> {
    return putTombstoneRow(this.pool, tombstone);
  }

  async putExportLineage(record: ExportLineage): Promise<void> {
    await putExportLineageRow(this.pool, record);
  }

  async exportLineage(exportId: string): Promise<ExportLineage | null> {
    return exportLineageRow(this.pool, exportId);
  }

  async listExportLineages(): Promise<ExportLineage[]> {
    return allExportLineageRows(this.pool);
  }

  async forgetInstallInExports(installId: string): Promise<number> {
    return forgetInstallInExportRows(this.pool, installId);
  }

  async installCredential(installId: string): Promise<StoredInstallCredential | null> {
    return installCredentialRow(this.pool, installId);
  }

  async putInstallCredential(record: StoredInstallCredential): Promise<boolean> {
    return putInstallCredentialRow(this.pool, record);
  }

  async listInstallCredentials(): Promise<StoredInstallCredential[]> {
    return allInstallCredentialRows(this.pool);
  }
}
