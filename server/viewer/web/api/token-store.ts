/**
 * The reader token lives in sessionStorage: it survives reloads of this tab
 * but not the tab itself, and is never written into links or downloaded files.
 */
const KEY = 'webtrace.readToken';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export function sessionTokenStore(storage: Storage = sessionStorage): TokenStore {
  return {
    get: () => storage.getItem(KEY),
    set: (token) => storage.setItem(KEY, token),
    clear: () => storage.removeItem(KEY),
  };
}
