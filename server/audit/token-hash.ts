import { createHash } from 'node:crypto';
import type { AuditActor } from '../../lib/schema/audit-entry';

/** What the audit log keeps of a token: the first 8 hex characters of its sha256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8);
}

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The actor of a request authenticated with `role` (the token hash is left out when there was no token). */
export function actorFromHeader(role: AuditActor['role'], authorization: string | string[] | undefined): AuditActor {
  const token = bearerToken(authorization);
  return token ? { role, tokenHash: tokenHash(token) } : { role };
}
