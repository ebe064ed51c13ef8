import { tabSessionSchema, type TabSessionStore } from '../rules/session/assign-page';
import { tabSessionKey } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';

/**
 * Tab sessions in `storage.session`: they survive the worker being stopped
 * and vanish with the browser session, as a tab does. A record that no longer
 * parses is treated as absent (a fresh session), never as a crash.
 */
export function createTabSessionStore(area: StorageAreaLike): TabSessionStore & { forget(tabId: number): Promise<void> } {
  const key = tabSessionKey;
  return {
    async get(tabId) {
      const raw = (await area.get(key(tabId)))[key(tabId)];
      const parsed = tabSessionSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    set: (tabId, session) => area.set({ [key(tabId)]: session }),
    forget: (tabId) => area.remove(key(tabId)),
  };
}
