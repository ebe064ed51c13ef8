import type { ExportLineage, RebuildSettings } from '../../lib/schema/export-lineage';
import { UsageError, type Flags } from '../cli/flags';
import type { StoreReader } from '../store/store-reader';

/**
 * `--rebuild-of ID`: the flags of the export it names, read from the
 * server's record of it (the store's export lineage), with this run's
 * --data, --out, --workers, --salt-file and --quiet. An unknown id is a
 * usage error naming it.
 */
export async function rebuildFlags(flags: Flags, reader: StoreReader): Promise<{ flags: Flags; record: ExportLineage | null }> {
  const id = flags['rebuild-of'];
  if (id === undefined) return { flags, record: null };
  const record = await reader.exportLineage(id);
  if (!record) throw new UsageError(`--rebuild-of ${id}: the store at ${flags.data} has no record of that export`);
  return { flags: { ...flags, ...flagsOf(record.settings) }, record };
}

function flagsOf(s: RebuildSettings): Partial<Flags> {
  return {
    site: s.filters.sites,
    from: s.filters.from ?? undefined,
    to: s.filters.to ?? undefined,
    'split-seed': s.split_seed,
    shard: [s.shard.index, s.shard.count],
    'no-render': !s.rendered,
    formats: s.formats,
    'image-format': s.image_format,
    'top-k': s.top_k,
    'idle-gap-minutes': s.idle_gap_ms / 60_000,
    'test-site-share': s.split_shares.test_site,
    'test-task-share': s.split_shares.test_task,
  };
}
