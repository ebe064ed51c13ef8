import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tokenSchema } from './settings-schema';

/** Where `npm start` keeps the read token it made, when none is configured. */
export const readTokenPath = (dataDir: string) => join(dataDir, 'read-token');

export interface KeptReadToken {
  token: string;
  path: string;
  /** Made by this start (the first); false: the one an earlier start made. */
  created: boolean;
}

/**
 * The read token of a server with none configured: made once, then read back
 * on every start, so researchers' viewer sign-ins and scripts survive a
 * restart. Only the owner may read it (0600). `wx` makes two servers starting
 * at once share the first one's token rather than overwrite it.
 */
export function keepReadToken(path: string): KeptReadToken {
  mkdirSync(dirname(path), { recursive: true });
  let fd: number | null = null;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (fd !== null) {
    const token = randomBytes(32).toString('base64url');
    try {
      writeSync(fd, `${token}\n`);
    } finally {
      closeSync(fd);
    }
    return { token, path, created: true };
  }
  // Someone widened it (a copy, an editor): the token is a credential, so back to owner-only.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const parsed = tokenSchema.safeParse(readFileSync(path, 'utf8').trim());
  if (!parsed.success) {
    throw new Error(`${path} does not hold a usable read token (${parsed.error.issues[0]?.message}); delete it to make a new one`);
  }
  return { token: parsed.data, path, created: false };
}
