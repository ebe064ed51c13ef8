/** In-memory counters served on GET /v1/stats; they reset when the server restarts. */
export interface IngestStats {
  /** Batches processed and acknowledged for the first time. */
  batchesAccepted: number;
  /** Resent batches answered from their stored receipt (nothing written). */
  duplicateBatches: number;
  chunksStored: number;
  /** Chunks skipped inside accepted batches because their (sessionId, page, seq) was already stored. */
  chunkDuplicates: number;
  /** Rejected uploads by error code (unauthorized, invalid_batch, payload_too_large…). */
  rejected: Record<string, number>;
}

export function createIngestStats(): IngestStats {
  return { batchesAccepted: 0, duplicateBatches: 0, chunksStored: 0, chunkDuplicates: 0, rejected: {} };
}

export function countRejection(stats: IngestStats, code: string): void {
  stats.rejected[code] = (stats.rejected[code] ?? 0) + 1;
}
