import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import { storedChunkSchema, type StoredChunk } from './records';

const gunzipAsync = promisify(gunzip);

/**
 * Chunks at rest are gzip'ed JSON (both stores). Node 20's zlib has no zstd
 * (it arrived in Node 22.15/23.8) and a native zstd addon is one more build
 * to keep working; brotli compresses rrweb JSON a little better but costs
 * several times gzip's CPU at a comparable ratio setting. gzip is also what
 * any operator can open (`zcat`), and what S3 tools understand as
 * Content-Encoding. Level 3, on the calling thread: measured on rrweb chunks
 * (an rrweb recording of the bench page, 241 KB of JSON), level 6 kept 9.4% of the bytes for
 * 0.88 CPU ms per batch through zlib's async stream machinery, level 3 kept
 * 10.3% for 0.27 ms done synchronously (the async path's per-call overhead
 * cost more than the compression it moved off the main thread); the server's
 * ingest throughput is bound by its CPU, and 9% more bytes at rest are cheap.
 */
export const CHUNK_GZIP_LEVEL = 3;

export interface EncodedChunk {
  /** The bytes at rest. */
  data: Buffer;
  /** Size of its JSON (what sessions' `bytes` and the caps count, whatever the codec). */
  jsonBytes: number;
}

/**
 * Each stored chunk's JSON, serialised once: ingest counts its bytes against
 * the caps, then the store compresses those same bytes (serialising a chunk
 * is a good part of an upload's cost). Stored chunks are never changed once
 * built, so the bytes cannot go stale; weakly held, they go with the chunk.
 */
const jsonOf = new WeakMap<StoredChunk, Buffer>();

export function chunkJson(chunk: StoredChunk): Buffer {
  let json = jsonOf.get(chunk);
  if (!json) {
    json = Buffer.from(JSON.stringify(chunk));
    jsonOf.set(chunk, json);
  }
  return json;
}

export async function encodeChunk(chunk: StoredChunk): Promise<EncodedChunk> {
  const json = chunkJson(chunk);
  return { data: gzipSync(json, { level: CHUNK_GZIP_LEVEL }), jsonBytes: json.length };
}

/** Stored bytes → a parsed chunk; `gzip` false for files written before chunks were compressed. Throws on anything unreadable. */
export async function decodeChunk(data: Buffer, gzipped: boolean): Promise<{ chunk: StoredChunk; jsonBytes: number }> {
  const json = gzipped ? await gunzipAsync(data) : data;
  return { chunk: storedChunkSchema.parse(JSON.parse(json.toString('utf8'))), jsonBytes: json.length };
}
