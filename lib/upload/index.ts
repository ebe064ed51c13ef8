export { uploadPending, DEFAULT_MAX_BATCHES_PER_RUN } from './upload-pending';
export type { UploadDeps, UploadRunReport, UploadRunStatus } from './upload-run';
export { createUploadScheduler, type UploadScheduler, type UploadSchedulerDeps, type SchedulerTimers } from './upload-scheduler';
export {
  uploadStateSchema,
  parseUploadState,
  createMemoryUploadStateStore,
  INITIAL_UPLOAD_STATE,
  type UploadState,
  type UploadStateStore,
} from './upload-state';
export { batchIdFor } from './batch-id';
export { backoffDelayMs, DEFAULT_BACKOFF } from './backoff';
export { classifyResponse, classifyFetchError, type SendOutcome } from './classify-response';
export { sendBatch, DEFAULT_SEND_TIMEOUT_MS } from './send-batch';
export { gzip } from './gzip';
