import type { IngestStats } from '../../lib/schema/read-api';

export type { IngestStats };

/** In-memory counters served on GET /v1/stats; they reset when the server restarts. */
export function createIngestStats(): IngestStats {
  return { batchesAccepted: 0, duplicateBatches: 0, chunksStored: 0, chunkDuplicates: 0, shotsStored: 0, shotDuplicates: 0, rejected: {} };
}

export function countRejection(stats: IngestStats, code: string): void {
  stats.rejected[code] = (stats.rejected[code] ?? 0) + 1;
}
