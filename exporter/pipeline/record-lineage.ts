import type { Manifest } from '../../lib/schema/dataset-manifest';
import type { ExportLineage, RebuildSettings } from '../../lib/schema/export-lineage';
import type { StoreReader } from '../store/store-reader';

export interface LineageInput {
  exportId: string;
  rebuildOf: string | null;
  createdAt: number;
  settings: RebuildSettings;
  saltCheck: string;
  /** The manifest's pseudonyms with their counts. */
  installs: Manifest['installs'];
  /** Pseudonym -> install id, for every install the export read. */
  installOf: ReadonlyMap<string, string>;
}

/**
 * Writes the export's lineage to the store (the server's side: never the
 * output folder): which install each of the manifest's pseudonyms stands
 * for, and the settings that rebuild it. Done before the manifest: an export
 * whose lineage could not be kept does not finish.
 */
export async function recordLineage(reader: StoreReader, input: LineageInput): Promise<ExportLineage> {
  const record: ExportLineage = {
    exportId: input.exportId,
    createdAt: input.createdAt,
    rebuildOf: input.rebuildOf,
    settings: input.settings,
    saltCheck: input.saltCheck,
    installs: input.installs.map(({ pseudonym, episodes, steps }) => {
      const installId = input.installOf.get(pseudonym);
      if (!installId) throw new Error(`pseudonym ${pseudonym} of no install the export read`);
      return { pseudonym, installId, episodes, steps };
    }),
  };
  await reader.putExportLineage(record);
  return record;
}
