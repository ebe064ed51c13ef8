import { z } from 'zod';

/**
 * Backoff state that must survive a service-worker restart (the worker keeps
 * it in chrome.storage.local), so a restarted worker does not hammer a server
 * that just failed.
 */
export const uploadStateSchema = z.object({
  /** Consecutive failed attempts (5xx, network, timeout, 401/403); 0 after a 2xx. */
  attempt: z.int().min(0),
  /** No upload before this time (ms since epoch). */
  notBefore: z.number(),
  /**
   * Consecutive server failures (5xx) of batches starting with the same chunk
   * (its chunkKeyString): past MAX_SERVER_FAILURES the uploader isolates the
   * chunk that fails (lib/upload/isolate-failing.ts).
   */
  serverFailures: z.object({ firstKey: z.string().max(200), count: z.int().min(1) }).optional(),
});
export type UploadState = z.infer<typeof uploadStateSchema>;

export const INITIAL_UPLOAD_STATE: UploadState = { attempt: 0, notBefore: 0 };

export interface UploadStateStore {
  get(): Promise<UploadState>;
  set(state: UploadState): Promise<void>;
}

/** For a store backed by untyped storage: anything that does not parse means "no backoff". */
export function parseUploadState(raw: unknown): UploadState {
  const parsed = uploadStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...INITIAL_UPLOAD_STATE };
}

export function createMemoryUploadStateStore(initial: UploadState = INITIAL_UPLOAD_STATE): UploadStateStore & { current(): UploadState } {
  let state = { ...initial };
  return {
    async get() {
      return { ...state };
    },
    async set(next) {
      state = { ...next };
    },
    current: () => ({ ...state }),
  };
}
