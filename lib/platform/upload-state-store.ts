import { UPLOAD_STATE_KEY } from '../schema/storage-keys';
import { parseUploadState, type UploadStateStore } from '../upload/upload-state';
import type { StorageAreaLike } from './storage-area';

/** Backoff state in `storage.local`, so a restarted worker keeps honouring it. */
export function createUploadStateStore(area: StorageAreaLike): UploadStateStore {
  return {
    get: async () => parseUploadState((await area.get(UPLOAD_STATE_KEY))[UPLOAD_STATE_KEY]),
    set: (state) => area.set({ [UPLOAD_STATE_KEY]: state }),
  };
}
