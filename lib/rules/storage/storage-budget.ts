/**
 * How much of the local queue may fill, and what is said when it is full. At the cap ('full') new
 * pages wait instead of old data being dropped; past the hard limit ('over') pages already
 * recording stop too, so storage stays bounded. Nothing else in the extension compares bytes with
 * the cap or words the reason.
 */
export type QueueLevel = 'ok' | 'full' | 'over';

/** Pages already recording may go this far past the cap before they stop too. */
export const HARD_CAP_FACTOR = 1.1;

export function queueLevel(pendingBytes: number, capBytes: number): QueueLevel {
  if (pendingBytes >= capBytes * HARD_CAP_FACTOR) return 'over';
  return pendingBytes >= capBytes ? 'full' : 'ok';
}

/** The reasons given for each level, to a recorder, on the toolbar and in the popup's status line. */
export const STORAGE_REASONS = {
  full: 'storage for recordings on this computer is full; new recordings start once they are uploaded',
  over: 'storage for recordings on this computer is full; this page stopped recording and the next page load resumes once they are uploaded',
} as const satisfies Record<Exclude<QueueLevel, 'ok'>, string>;

/** The sentence the popup and the my-data page show while storage is full. */
export const STORAGE_FULL_NOTICE = 'Storage for recordings on this computer is full: new recordings wait until these are uploaded.';
