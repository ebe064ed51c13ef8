import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parseSegment } from '../../server/store/wal-segment';

/**
 * A server's stored file as text a leak search can read: chunk files
 * gunzipped, the write-ahead log's records with their chunks' bytes decoded.
 * A search over the raw bytes of compressed files would find nothing,
 * whatever they hold. Anything that does not decode is searched as it is.
 * `encoding` latin1 keeps any binary byte searchable.
 */
export async function storedText(path: string, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const data = await readFile(path);
  try {
    if (path.endsWith('.gz')) return gunzipSync(data).toString(encoding);
    if (path.endsWith('.wal')) {
      const { records } = parseSegment(data);
      if (records.length === 0) return data.toString(encoding);
      return records
        .map((record) => {
          const chunks = (JSON.parse(record.toString('utf8')) as { chunks?: Array<{ gz: string }> }).chunks ?? [];
          return [record.toString(encoding), ...chunks.map((c) => gunzipSync(Buffer.from(c.gz, 'base64')).toString(encoding))].join('\n');
        })
        .join('\n');
    }
  } catch {
    // not ours: searched raw below
  }
  return data.toString(encoding);
}
