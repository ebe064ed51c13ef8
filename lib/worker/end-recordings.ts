import type { RecorderRegistry } from './recorder-ports';

export const NEW_PSEUDONYM_REASON = 'your uploaded recordings were deleted; recording starts again with the next page';

/**
 * Before a new pseudonym: the recordings in progress end and every tab forgets its session, so
 * nothing recorded from now on carries a session id of the erased install (which would link the
 * new pseudonym to the old one). Open pages record again, in a new session, when they next load.
 */
export async function endRecordings(deps: {
  recorders: Pick<RecorderRegistry, 'all'>;
  allTabs: () => Promise<Array<{ id?: number }>>;
  forgetTab: (tabId: number) => Promise<void>;
}): Promise<void> {
  for (const recorder of deps.recorders.all()) {
    recorder.recording = false;
    recorder.send({ kind: 'denied', reason: NEW_PSEUDONYM_REASON });
  }
  const tabs = new Set([
    ...deps.recorders.all().map((r) => r.tabId),
    ...(await deps.allTabs()).flatMap((t) => (t.id === undefined ? [] : [t.id])),
  ]);
  for (const tabId of tabs) await deps.forgetTab(tabId);
}
