import { readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { listFiles } from './list-files';

/** A fixed time for every entry, so the same build always zips to the same bytes (and the same SHA256SUMS). */
const ENTRY_TIME = new Date('2020-01-01T00:00:00Z');

/**
 * Zips a built extension directory, files in name order, with `transform`
 * applied to each file's bytes (e.g. to drop the manifest's key for a store).
 */
export function zipDirectory(dir: string, transform: (name: string, bytes: Buffer) => Buffer = (_n, b) => b): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of listFiles(dir))
    zip.addBuffer(transform(name, readFileSync(path.join(dir, name))), name, { mtime: ENTRY_TIME, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (b: Buffer) => parts.push(b));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
  });
}

/** The manifest as a store wants it: the store signs with its own key, gives its own id and serves the updates, so no `key` and no `update_url`. */
export function forStore(name: string, bytes: Buffer): Buffer {
  if (name !== 'manifest.json') return bytes;
  const { key: _key, update_url: _url, ...manifest } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify(manifest));
}
