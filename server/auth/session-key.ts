import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SESSION_KEY_FILE = 'viewer-session.key';
const KEY_BYTES = 32;

/**
 * The key that signs viewer session cookies, kept in the data dir (mode 0600)
 * so a restart keeps researchers signed in. Made once: `wx` makes a second
 * server starting at the same moment read the first one's key, not replace it.
 */
export async function loadSessionKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, SESSION_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    const file = await open(path, 'wx', 0o600);
    try {
      const key = randomBytes(KEY_BYTES);
      await file.writeFile(key.toString('base64url') + '\n');
      await file.sync();
      return key;
    } finally {
      await file.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  // A short key (a truncated file) would sign weakly: refuse to start rather than accept forgeries.
  if (key.length !== KEY_BYTES)
    throw new Error(`${path} does not hold a ${KEY_BYTES}-byte key; delete it to make a new one (every viewer session ends)`);
  return key;
}
