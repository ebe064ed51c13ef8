import type pg from 'pg';
import { storedInstallCredentialSchema, type StoredInstallCredential } from '../../../lib/schema/install-credential-record';

/**
 * The s3 store's install credential records in PostgreSQL (wt_install_credentials,
 * index-schema.ts). Every write is a compare-and-set on `version`, so two
 * instances enrolling or rotating the same install at once cannot both win.
 */
export async function installCredentialRow(pool: pg.Pool, installId: string): Promise<StoredInstallCredential | null> {
  const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM wt_install_credentials WHERE install_id = $1', [installId]);
  return rows[0] ? storedInstallCredentialSchema.parse(rows[0].record) : null;
}

export async function allInstallCredentialRows(pool: pg.Pool): Promise<StoredInstallCredential[]> {
  const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM wt_install_credentials ORDER BY install_id');
  return rows.map((r) => storedInstallCredentialSchema.parse(r.record));
}

export async function putInstallCredentialRow(pool: pg.Pool, record: StoredInstallCredential): Promise<boolean> {
  const result =
    record.version === 1
      ? await pool.query('INSERT INTO wt_install_credentials (install_id, version, record) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [
          record.installId,
          record,
        ])
      : await pool.query('UPDATE wt_install_credentials SET version = $2, record = $3 WHERE install_id = $1 AND version = $2 - 1', [
          record.installId,
          record.version,
          record,
        ]);
  return result.rowCount === 1;
}

/** Erasure: the install's record goes with its data (its tombstone refuses it from then on). */
export async function deleteInstallCredentialRow(pool: pg.Pool, installId: string): Promise<void> {
  await pool.query('DELETE FROM wt_install_credentials WHERE install_id = $1', [installId]);
}
