import type { Page } from 'playwright';

/** Every record in every object store of the extension's IndexedDB, as JSON text (run on an extension page). */
export async function dumpIndexedDb(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
    const out: Record<string, Record<string, unknown[]>> = {};
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out[name] = {};
      for (const store of Array.from(db.objectStoreNames)) {
        out[name][store] = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
    }
    return JSON.stringify(out);
  });
}

/** The semantic actions inside the queued chunks of an IndexedDB dump. */
export function queuedActions(dump: string): Array<{ type: string }> {
  const out: Array<{ type: string }> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const v = value as { tag?: unknown; payload?: unknown };
    if (v.tag === 'webtrace.action' && v.payload && typeof v.payload === 'object') out.push(v.payload as { type: string });
    else Object.values(value).forEach(walk);
  };
  walk(JSON.parse(dump));
  return out;
}
