import { readdir, readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { isTempFile, writeFileAtomic } from './atomic-write';
import { decodeChunk } from './chunk-codec';
import { applyChunk, storedMetaSchema, type StoredChunk, type StoredMeta } from './records';
import { isStorageFull } from './storage-full';
import { comparePageSeq, pageSeqKey, parseChunkFileName, type PageSeq, type StorePaths } from './store-paths';

export interface SessionEntry {
  meta: StoredMeta;
  /** pageSeqKey of every chunk stored (durable and counted in meta). */
  keys: Set<string>;
}

/**
 * Builds the in-memory index at startup from each session's meta.json. A meta
 * that is missing, corrupt or disagrees with the chunk files (a crash between
 * writing chunks and meta) is rebuilt from the chunks. Nothing here throws for
 * bad data: it is logged and skipped so one bad session cannot stop the server.
 */
export async function loadIndex(
  paths: StorePaths,
  log: FastifyBaseLogger,
  opts: { readOnly?: boolean } = {},
): Promise<Map<string, SessionEntry>> {
  const index = new Map<string, SessionEntry>();
  for (const name of await readdir(paths.batchesDir)) {
    if (isTempFile(name)) log.warn({ file: `batches/${name}` }, 'ignoring leftover temp file');
  }
  for (const dirent of await readdir(paths.sessionsDir, { withFileTypes: true })) {
    const id = dirent.name;
    if (!dirent.isDirectory() || !chunkKeySchema.shape.sessionId.safeParse(id).success) {
      log.warn({ entry: `sessions/${id}` }, 'ignoring unexpected entry in sessions dir');
      continue;
    }
    try {
      const entry = await loadSession(paths, id, log, opts.readOnly ?? false);
      if (entry) index.set(id, entry);
    } catch (err) {
      log.error({ err, sessionId: id }, 'skipping unreadable session');
    }
  }
  return index;
}

async function loadSession(paths: StorePaths, id: string, log: FastifyBaseLogger, readOnly: boolean): Promise<SessionEntry | null> {
  const files = await listChunkFiles(paths, id, log);
  const meta = await readMeta(paths, id);
  if (meta && meta.id === id && meta.chunks === files.length) {
    return { meta, keys: new Set(files.map(pageSeqKey)) };
  }
  log.warn({ sessionId: id, metaValid: meta !== null, chunkFiles: files.length }, 'rebuilding session meta from chunks');
  let rebuilt: StoredMeta | null = null;
  const keys = new Set<string>();
  for (const key of files) {
    const chunk = await readChunkFile(paths, id, key, log);
    if (!chunk) continue;
    rebuilt = applyChunk(rebuilt, chunk.chunk, chunk.bytes);
    keys.add(pageSeqKey(key));
  }
  if (!rebuilt) {
    log.error({ sessionId: id }, 'skipping session without a valid meta or chunk');
    return null;
  }
  // A reader (the exporter) is told of every chunk file, so it can name the unreadable ones.
  if (readOnly) return { meta: rebuilt, keys: new Set(files.map(pageSeqKey)) };
  try {
    await writeFileAtomic(paths.metaFile(id), JSON.stringify(rebuilt));
  } catch (err) {
    // With the disk full the rebuilt meta is kept in memory; the next start rebuilds it again.
    if (!isStorageFull(err)) throw err;
    log.error({ sessionId: id }, 'disk full: rebuilt session meta kept in memory only');
  }
  return { meta: rebuilt, keys };
}

async function listChunkFiles(paths: StorePaths, id: string, log: FastifyBaseLogger): Promise<PageSeq[]> {
  const names = await readdir(paths.chunksDir(id)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const name of await readdir(paths.sessionDir(id))) {
    if (isTempFile(name)) log.warn({ file: `sessions/${id}/${name}` }, 'ignoring leftover temp file');
  }
  const keys = new Map<string, PageSeq>();
  for (const name of names) {
    const key = parseChunkFileName(name);
    // A chunk in both forms (a compressed copy written over an old store) is one chunk.
    if (key) keys.set(pageSeqKey(key), { page: key.page, seq: key.seq });
    else log.warn({ file: `sessions/${id}/chunks/${name}` }, isTempFile(name) ? 'ignoring leftover temp file' : 'ignoring unexpected file');
  }
  return [...keys.values()].sort(comparePageSeq);
}

async function readMeta(paths: StorePaths, id: string): Promise<StoredMeta | null> {
  try {
    const parsed = storedMetaSchema.safeParse(JSON.parse(await readFile(paths.metaFile(id), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A chunk file parsed with zod (the compressed file, else one an older store
 * wrote uncompressed); null (logged) when unreadable or when it does not
 * belong at this path. `bytes`: the size of its JSON.
 */
export async function readChunkFile(
  paths: StorePaths,
  id: string,
  key: PageSeq,
  log: FastifyBaseLogger,
): Promise<{ chunk: StoredChunk; bytes: number } | null> {
  let file = paths.chunkFile(id, key);
  try {
    let data: Buffer;
    let gzipped = true;
    try {
      data = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      file = paths.legacyChunkFile(id, key);
      data = await readFile(file);
      gzipped = false;
    }
    const { chunk, jsonBytes } = await decodeChunk(data, gzipped);
    if (chunk.sessionId !== id || comparePageSeq(chunk, key) !== 0) throw new Error('chunk key does not match its path');
    return { chunk, bytes: jsonBytes };
  } catch (err) {
    log.error({ err, file }, 'corrupt chunk file');
    return null;
  }
}
