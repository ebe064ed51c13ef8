import { tokenDigest } from './token-registry';

/** What the audit log keeps of a token: the first 8 hex characters of its sha256, never the token. */
export function tokenHash(token: string): string {
  return tokenDigest(token).toString('hex').slice(0, 8);
}
