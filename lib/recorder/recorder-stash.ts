import { serializeRecorderStash } from '../schema/recorder-stash-text';
import { RECORDER_STASH_PREFIX } from '../schema/storage-keys';
import type { UnackedWindow } from './unacked-window';

/** The stash holds at most this much, newest chunks first (they are the ones nothing else will deliver). */
export const MAX_STASH_BYTES = 4 * 1024 * 1024;

/**
 * Leaves what is still unacknowledged, and the drop report, in the page's stash entry as the page
 * ends (lib/schema/recorder-port.ts): a storage write reaches a stopped worker, a late port message
 * may not. `write` is fire and forget.
 */
export function leaveStash(window: UnackedWindow, pageLoadId: string, write: ((key: string, value: string) => void) | undefined): void {
  if (!write || window.size === 0) return;
  try {
    write(
      `${RECORDER_STASH_PREFIX}${pageLoadId}`,
      serializeRecorderStash({ chunks: window.newest(MAX_STASH_BYTES), dropped: window.drops }),
    );
  } catch {
    // The extension context is gone: nothing more can be done from here.
  }
}
