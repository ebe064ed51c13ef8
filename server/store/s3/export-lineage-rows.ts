import type pg from 'pg';
import { exportLineageSchema, type ExportLineage } from '../../../lib/schema/export-lineage';
import { forgetInstall } from '../../../lib/rules/lineage/lineage-rules';
import { inTransaction } from './transaction';

/**
 * The s3 store's export lineages in PostgreSQL (wt_export_lineage,
 * index-schema.ts): one row per export, its record as jsonb. An erasure
 * finds the exports holding the install by jsonb containment and rewrites
 * them row-locked, so two erasures of one export's installs cannot lose each other's mark.
 */
export async function putExportLineageRow(pool: pg.Pool, record: ExportLineage): Promise<void> {
  const parsed = exportLineageSchema.parse(record);
  await pool.query(
    `INSERT INTO wt_export_lineage (export_id, created_at, record) VALUES ($1, $2, $3)
     ON CONFLICT (export_id) DO UPDATE SET created_at = EXCLUDED.created_at, record = EXCLUDED.record`,
    [parsed.exportId, parsed.createdAt, parsed],
  );
}

export async function exportLineageRow(pool: pg.Pool, exportId: string): Promise<ExportLineage | null> {
  const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM wt_export_lineage WHERE export_id = $1', [exportId]);
  return rows[0] ? exportLineageSchema.parse(rows[0].record) : null;
}

export async function allExportLineageRows(pool: pg.Pool): Promise<ExportLineage[]> {
  const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM wt_export_lineage ORDER BY created_at, export_id');
  return rows.map((r) => exportLineageSchema.parse(r.record));
}

export async function forgetInstallInExportRows(pool: pg.Pool, installId: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ record: unknown }>(
      `SELECT record FROM wt_export_lineage WHERE record->'installs' @> jsonb_build_array(jsonb_build_object('installId', $1::text))
       ORDER BY export_id FOR UPDATE`,
      [installId],
    );
    let marked = 0;
    for (const row of rows) {
      const next = forgetInstall(exportLineageSchema.parse(row.record), installId);
      if (!next) continue;
      await client.query('UPDATE wt_export_lineage SET record = $2 WHERE export_id = $1', [next.exportId, next]);
      marked += 1;
    }
    return marked;
  });
}
