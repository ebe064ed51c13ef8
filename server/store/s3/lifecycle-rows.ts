import type pg from 'pg';
import { storedConsentReceiptSchema, type StoredConsentReceipt } from '../../../lib/schema/consent-receipt';
import { tombstoneSchema, type Tombstone } from '../../../lib/schema/erasure';
import { inTransaction } from './transaction';
import { receiptsByInstall, receiptsInOrder, sameConsentReceipt, type Store } from '../store';

/**
 * The s3 store's consent receipts and tombstones, in PostgreSQL
 * (wt_consent_receipts, wt_tombstones in index-schema.ts). An install's
 * tombstone is written under an exclusive advisory lock on the install that
 * every batch commit takes shared (commit-batch.ts): a commit either finished
 * before the tombstone (and the erasure after it deletes its rows) or sees it.
 */
export const installLockSql = (mode: 'shared' | 'exclusive') =>
  `SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtextextended($1::text, 1416))`;

export async function putConsentReceiptRow(pool: pg.Pool, receipt: StoredConsentReceipt): ReturnType<Store['putConsentReceipt']> {
  const inserted = await pool.query(
    'INSERT INTO wt_consent_receipts (receipt_id, install_id, receipt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING receipt_id',
    [receipt.receiptId, receipt.installId, receipt],
  );
  if (inserted.rowCount === 1) return { outcome: 'created', stored: receipt };
  const { rows } = await pool.query<{ receipt: unknown }>('SELECT receipt FROM wt_consent_receipts WHERE receipt_id = $1', [
    receipt.receiptId,
  ]);
  const stored = storedConsentReceiptSchema.parse(rows[0]!.receipt);
  return { outcome: sameConsentReceipt(stored, receipt) ? 'same' : 'conflict', stored };
}

export async function consentReceiptRows(pool: pg.Pool, installId: string): Promise<StoredConsentReceipt[]> {
  const { rows } = await pool.query<{ receipt: unknown }>('SELECT receipt FROM wt_consent_receipts WHERE install_id = $1', [installId]);
  return rows.map((r) => storedConsentReceiptSchema.parse(r.receipt)).sort(receiptsInOrder);
}

export async function allConsentReceiptRows(pool: pg.Pool): Promise<StoredConsentReceipt[]> {
  const { rows } = await pool.query<{ receipt: unknown }>('SELECT receipt FROM wt_consent_receipts');
  return rows.map((r) => storedConsentReceiptSchema.parse(r.receipt)).sort(receiptsByInstall);
}

export async function allTombstoneRows(pool: pg.Pool): Promise<Tombstone[]> {
  const { rows } = await pool.query<{ tombstone: unknown }>('SELECT tombstone FROM wt_tombstones ORDER BY install_id');
  return rows.map((r) => tombstoneSchema.parse(r.tombstone));
}

export async function tombstoneRow(db: Pick<pg.Pool, 'query'>, installId: string): Promise<Tombstone | null> {
  const { rows } = await db.query<{ tombstone: unknown }>('SELECT tombstone FROM wt_tombstones WHERE install_id = $1', [installId]);
  return rows[0] ? tombstoneSchema.parse(rows[0].tombstone) : null;
}

export async function putTombstoneRow(pool: pg.Pool, tombstone: Tombstone): Promise<Tombstone> {
  return inTransaction(pool, async (client) => {
    // Waits for commits of this install in flight; the ones after it see the tombstone.
    await client.query(installLockSql('exclusive'), [tombstone.installId]);
    await client.query('INSERT INTO wt_tombstones (install_id, tombstone) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      tombstone.installId,
      tombstone,
    ]);
    return (await tombstoneRow(client, tombstone.installId))!;
  });
}
