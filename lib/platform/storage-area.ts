/** The slice of a `browser.storage` area the worker's stores use; tests pass WXT's fakeBrowser. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
