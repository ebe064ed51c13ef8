import { openQueueDb, type QueueDb } from '../queue';

/** The queue database, opened on first use; one closed under us (storage cleared) is reopened on next use. */
export function createQueueHandle(open: () => Promise<QueueDb> = () => openQueueDb()): () => Promise<QueueDb> {
  let pending: Promise<QueueDb> | null = null;
  return () => {
    pending ??= open().then((db) => {
      db.addEventListener('close', () => (pending = null));
      return db;
    });
    return pending;
  };
}
