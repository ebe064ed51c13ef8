export { openQueueDb, QUEUE_DB_NAME, QUEUE_DB_VERSION, type QueueDb, type QueueDbSchema } from './open-queue-db';
export {
  dropRecordSchema,
  queuedChunkSchema,
  setAsideRecordSchema,
  setAsideSummarySchema,
  type DropRecord,
  type QueuedChunk,
  type SetAsideRecord,
  type SetAsideSummary,
} from './records';
export { appendChunk, type AppendResult } from './append-chunk';
export { takeBatch, type BatchBounds } from './take-batch';
export { deleteChunks, deleteUploadedChunks } from './delete-chunks';
export { deleteSession, deleteSessions } from './delete-session';
export { setAsideBatch, listSetAside, getSetAside, deleteSetAside, countSetAside, type SetAsideInput } from './set-aside';
export { incrementCounter, recordLastError, COUNTER_NAMES, type CounterName } from './counters';
export { getQueueStats, pendingBytes, queueStatsSchema, type QueueStats } from './queue-stats';
export { listLocalSessions } from './list-local-sessions';
export { expireChunks } from './expire-chunks';
export { recordDrops, takeDropReports, countPendingDrops, pruneReportedDrops, type DropEntry } from './drops';
