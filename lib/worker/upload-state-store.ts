import { parseUploadState, type UploadStateStore } from '../upload/upload-state';
import type { StorageAreaLike } from './storage-area';

const KEY = 'webtrace:uploadState';

/** Backoff state in `storage.local`, so a restarted worker keeps honouring it. */
export function createUploadStateStore(area: StorageAreaLike): UploadStateStore {
  return {
    get: async () => parseUploadState((await area.get(KEY))[KEY]),
    set: (state) => area.set({ [KEY]: state }),
  };
}
