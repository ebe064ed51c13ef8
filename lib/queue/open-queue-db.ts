import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DropRecord, QueuedChunk, SetAsideRecord } from './records';
import type { ShotDropTally, StoredShotRecord } from './shot-records';

export const QUEUE_DB_NAME = 'webtrace';
export const QUEUE_DB_VERSION = 4;

/** Primary key of the `chunks` store: [sessionId, page, seq]. */
export type ChunkStoreKey = [string, number, number];

export interface QueueDbSchema extends DBSchema {
  chunks: {
    key: ChunkStoreKey;
    value: QueuedChunk;
    // Age first, then the chunk key: oldest-first uploads, and a session's
    // chunks appended in the same millisecond still come out in (page, seq) order.
    indexes: { byAge: [number, string, number, number] };
  };
  setAside: {
    key: number;
    // `id` is assigned by the store (autoIncrement), hence optional on insert.
    value: Omit<SetAsideRecord, 'id'> & { id?: number };
  };
  /** Counters and a few last-seen values; see counters.ts. */
  counters: { key: string; value: number | string };
  /** Ranges of chunks dropped before upload, kept until reported (and a while after); see drops.ts. */
  drops: {
    key: ChunkStoreKey;
    value: DropRecord;
    // Sparse: only records not yet reported carry `pending`.
    indexes: { pending: number };
  };
  /** Redacted screenshots waiting for upload, keyed [sessionId, page, takenAt]; see shots.ts. */
  shots: {
    key: ShotStoreKey;
    value: StoredShotRecord;
    indexes: { byAge: number };
  };
  /** Running totals of discarded shots per [sessionId, page, reason], pending until reported; see shot-drops.ts. */
  shotDrops: {
    key: [string, number, string];
    value: ShotDropTally;
    indexes: { pending: number };
  };
}

export type ShotStoreKey = [string, number, number];

export type QueueDb = IDBPDatabase<QueueDbSchema>;

/**
 * Opens (and creates or migrates) the queue database. Only this module knows
 * the database name, so nothing else in the extension may open 'webtrace'
 * with another version or store layout.
 */
export function openQueueDb(name: string = QUEUE_DB_NAME): Promise<QueueDb> {
  return openDB<QueueDbSchema>(name, QUEUE_DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, so a user several versions behind replays them all.
      if (oldVersion < 1) {
        const chunks = db.createObjectStore('chunks', { keyPath: ['sessionId', 'page', 'seq'] });
        chunks.createIndex('byAge', ['queuedAt', 'sessionId', 'page', 'seq']);
        db.createObjectStore('setAside', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('counters');
      }
      if (oldVersion < 2) {
        const drops = db.createObjectStore('drops', { keyPath: ['sessionId', 'page', 'fromSeq'] });
        drops.createIndex('pending', 'pending');
      }
      if (oldVersion < 3) {
        const shots = db.createObjectStore('shots', { keyPath: ['sessionId', 'page', 'takenAt'] });
        shots.createIndex('byAge', 'storedAt');
      }
      if (oldVersion < 4) {
        const shotDrops = db.createObjectStore('shotDrops', { keyPath: ['sessionId', 'page', 'reason'] });
        shotDrops.createIndex('pending', 'pending');
      }
    },
    // A newer extension version wants to upgrade: let it, this connection is stale.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

export function chunkStoreKey(key: { sessionId: string; page: number; seq: number }): ChunkStoreKey {
  return [key.sessionId, key.page, key.seq];
}
