import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, sharedTokens, type Role, type RoleTokens } from './roles';

/**
 * Knows every configured token and its role; several tokens per role, so one
 * can be rotated in before the old one is removed. Tokens are compared by
 * their SHA-256 digests so timingSafeEqual always gets equal lengths, and every
 * token is checked (no early exit) so timing does not reveal which one matched.
 */
export class TokenRegistry {
  readonly #entries: { digest: Buffer; role: Role }[];

  constructor(tokens: Partial<RoleTokens> & Pick<RoleTokens, 'ingest' | 'read'>) {
    const all: RoleTokens = { export: [], admin: [], ...tokens };
    if (all.ingest.length === 0 || all.read.length === 0) throw new Error('need at least one ingest and one read token');
    const shared = sharedTokens(all);
    if (shared.length > 0) throw new Error(`a token cannot be in two roles: ${describeShared(shared)}`);
    this.#entries = ROLES.flatMap((role) => all[role].map((t) => ({ digest: tokenDigest(t), role })));
  }

  roleOf(token: string): Role | null {
    return this.roleOfDigest(tokenDigest(token));
  }

  /** The role of the token with this SHA-256 digest (a viewer session carries the digest, never the token). */
  roleOfDigest(candidate: Buffer): Role | null {
    if (candidate.length !== DIGEST_BYTES) return null;
    let found: Role | null = null;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, candidate)) found = entry.role;
    }
    return found;
  }

  /** How many tokens a role has (the processing record lists the roles in use). */
  count(role: Role): number {
    return this.#entries.filter((e) => e.role === role).length;
  }
}

/** "ingest and read" for every token found in two roles (never the token itself). */
export function describeShared(shared: readonly { roles: readonly Role[] }[]): string {
  return shared.map((s) => s.roles.join(' and ')).join('; ');
}

const DIGEST_BYTES = 32;

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
