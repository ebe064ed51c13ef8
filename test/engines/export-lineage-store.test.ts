import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { onEachStore } from '../support/engines/on-each-store';
import type { ExportLineage } from '../../lib/schema/export-lineage';

/**
 * Export lineages (which install each pseudonym of an export stands for)
 * through the Store interface, on the fs store and on the s3 store's
 * PostgreSQL: kept across a reopen, listed oldest first, and an erasure marks
 * exactly the exports that held the install, leaving nothing that names it.
 * Two erasures of one export's two installs at once (two instances for s3)
 * both leave their mark.
 */
const T0 = 1_800_000_000_000;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function lineage(createdAt: number, installIds: readonly string[]): ExportLineage {
  return {
    exportId: `exp_${hex(12)}`,
    createdAt,
    rebuildOf: null,
    settings: {
      filters: { sites: [], from: null, to: null },
      split_seed: 'seed',
      split_shares: { test_site: 0.1, test_task: 0.1 },
      idle_gap_ms: 300_000,
      rendered: false,
      image_format: 'png',
      top_k: 5,
      formats: ['parquet'],
      shard: { index: 1, count: 1 },
    },
    saltCheck: hex(8),
    installs: installIds.map((installId) => ({ pseudonym: `in_${hex(8)}`, installId, episodes: 2, steps: 7 })),
  };
}

const namesInstall = (record: ExportLineage | null, installId: string) => JSON.stringify(record).includes(installId);

onEachStore('export lineage', ({ open, kind }) => {
  const multiInstance = kind === 's3';

  it('keeps a lineage across a reopen and lists them oldest first', async () => {
    const store = await open();
    const later = lineage(T0 + 10, [randomUUID()]);
    const earlier = lineage(T0 + 5, [randomUUID(), randomUUID()]);
    await store.putExportLineage(later);
    await store.putExportLineage(earlier);
    expect(await store.exportLineage(`exp_${hex(12)}`)).toBeNull();
    const again = await open();
    expect(await again.exportLineage(earlier.exportId)).toEqual(earlier);
    const ids = (await again.listExportLineages()).map((l) => l.exportId);
    expect(ids.indexOf(earlier.exportId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(earlier.exportId)).toBeLessThan(ids.indexOf(later.exportId));
  });

  it('an erasure marks exactly the exports that held the install, and the mark survives a reopen', async () => {
    const store = await open();
    const [erased, kept] = [randomUUID(), randomUUID()];
    const both = lineage(T0 + 20, [erased, kept]);
    const other = lineage(T0 + 21, [kept]);
    await store.putExportLineage(both);
    await store.putExportLineage(other);
    expect(await store.forgetInstallInExports(erased)).toBe(1);
    expect(await store.forgetInstallInExports(erased)).toBe(0);
    const again = await open();
    const marked = await again.exportLineage(both.exportId);
    expect(namesInstall(marked, erased)).toBe(false);
    expect(marked?.installs).toEqual([{ pseudonym: both.installs[0]!.pseudonym, erased: true }, both.installs[1]]);
    expect(await again.exportLineage(other.exportId)).toEqual(other);
  });

  it('two erasures of one export at once (on two instances for s3) both leave their mark', async () => {
    const a = await open();
    const b = multiInstance ? await open() : a;
    for (let round = 0; round < 5; round++) {
      const [x, y] = [randomUUID(), randomUUID()];
      const record = lineage(T0 + 30 + round, [x, y]);
      await a.putExportLineage(record);
      expect(await Promise.all([a.forgetInstallInExports(x), b.forgetInstallInExports(y)])).toEqual([1, 1]);
      const after = await a.exportLineage(record.exportId);
      expect(after?.installs.every((e) => 'erased' in e)).toBe(true);
      expect(namesInstall(after, x) || namesInstall(after, y)).toBe(false);
    }
  });
});
