import { tokenDigest } from './token-registry';

/** What the audit log keeps of a token: the first 8 hex characters of its sha256, never the token. */
export function tokenHash(token: string): string {
  return digestHash(tokenDigest(token));
}

/** The same 8 hex characters from the digest alone (a viewer session knows only the digest). */
export function digestHash(digest: Buffer): string {
  return digest.toString('hex').slice(0, 8);
}
