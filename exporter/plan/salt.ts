import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where the salt lives by default: next to the store it belongs to, never in an export. */
export const SALT_FILE = 'export-salt';
const MIN_SALT_BYTES = 16;

/**
 * The secret salt of the export's person-linked hashes: from
 * WEBTRACE_EXPORT_SALT, else a salt file (`--salt-file`, default
 * `<data>/export-salt`), created with 32 random bytes (mode 0600) the first
 * time. Shards of one export on several machines must share it (same file or
 * variable); it is never written into the dataset.
 */
export async function loadSalt(opts: { dataDir: string; saltFile: string | null; env: NodeJS.ProcessEnv }): Promise<Buffer> {
  const fromEnv = opts.env.WEBTRACE_EXPORT_SALT;
  if (fromEnv !== undefined) {
    if (Buffer.byteLength(fromEnv) < MIN_SALT_BYTES) throw new Error(`WEBTRACE_EXPORT_SALT must be at least ${MIN_SALT_BYTES} bytes`);
    return Buffer.from(fromEnv);
  }
  const file = opts.saltFile ?? join(opts.dataDir, SALT_FILE);
  try {
    const salt = await readFile(file);
    if (salt.length < MIN_SALT_BYTES) throw new Error(`the salt file ${file} holds fewer than ${MIN_SALT_BYTES} bytes`);
    return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const salt = randomBytes(32);
  await mkdir(dirname(file), { recursive: true });
  // 'wx': two shards starting at once on one store must not both create it.
  await writeFile(file, salt, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return readFile(file);
}
