import type { ExportLineage, ExportListItem, LineageInstall } from '../../schema/export-lineage';

/**
 * An erasure's mark on one export's lineage: the install's entry becomes
 * `{ pseudonym, erased: true }` (nothing left that names the install, not
 * even its counts). Null when the export did not contain the install.
 */
export function forgetInstall(record: ExportLineage, installId: string): ExportLineage | null {
  let changed = false;
  const installs = record.installs.map((entry): LineageInstall => {
    if (!('installId' in entry) || entry.installId !== installId) return entry;
    changed = true;
    return { pseudonym: entry.pseudonym, erased: true };
  });
  return changed ? { ...record, installs } : null;
}

/**
 * The admin's line for an export. `isErased` also counts an install that has
 * a tombstone but whose entry was written after its erasure ran (an export
 * finishing while the install was being erased), so such an export still
 * shows as needing a rebuild.
 */
export function exportListItem(record: ExportLineage, isErased: (installId: string) => boolean): ExportListItem {
  const erased = record.installs.filter((e) => !('installId' in e) || isErased(e.installId)).length;
  return {
    exportId: record.exportId,
    createdAt: record.createdAt,
    rebuildOf: record.rebuildOf,
    filters: record.settings.filters,
    installs: record.installs.length,
    erasedInstalls: erased,
    needsRebuild: erased > 0,
  };
}

/** Oldest first (by createdAt, then id). */
export const byCreation = (a: ExportLineage, b: ExportLineage): number =>
  a.createdAt - b.createdAt || (a.exportId < b.exportId ? -1 : a.exportId > b.exportId ? 1 : 0);
