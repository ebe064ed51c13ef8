/** errno codes that mean "no room to write": the disk (or the quota) is full. */
const FULL = new Set(['ENOSPC', 'EDQUOT']);

export function isStorageFull(err: unknown): boolean {
  return FULL.has((err as NodeJS.ErrnoException | null)?.code ?? '');
}

/** Thrown while the store cannot write for lack of space; ingest answers 507 until space is back. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}
