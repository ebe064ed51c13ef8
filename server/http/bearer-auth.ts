import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './http-error';

export type TokenKind = 'ingest' | 'read';

/**
 * Knows every configured token and which kind it is. Tokens are compared by
 * their SHA-256 digests so timingSafeEqual always gets equal lengths, and every
 * token is checked (no early exit) so timing does not reveal which one matched.
 */
export class TokenRegistry {
  readonly #entries: { digest: Buffer; kind: TokenKind }[];

  constructor(tokens: Record<TokenKind, readonly string[]>) {
    const ingest = new Set(tokens.ingest);
    if (ingest.size === 0 || tokens.read.length === 0) throw new Error('need at least one ingest and one read token');
    if (tokens.read.some((t) => ingest.has(t))) throw new Error('a token cannot be both an ingest and a read token');
    this.#entries = (['ingest', 'read'] as const).flatMap((kind) =>
      tokens[kind].map((t) => ({ digest: digest(t), kind })),
    );
  }

  kindOf(token: string): TokenKind | null {
    const candidate = digest(token);
    let found: TokenKind | null = null;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, candidate)) found = entry.kind;
    }
    return found;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** An onRequest hook: runs before the body is read, so unauthenticated uploads cost nothing. */
export function requireToken(registry: TokenRegistry, needed: TokenKind) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new HttpError(401, 'unauthorized', `missing "Authorization: Bearer <token>"; this endpoint needs ${article(needed)} token`);
    }
    const kind = registry.kindOf(match[1]);
    if (kind === null) throw new HttpError(401, 'unauthorized', `unknown token; this endpoint needs ${article(needed)} token`);
    if (kind !== needed) {
      throw new HttpError(401, 'unauthorized', `this endpoint needs ${article(needed)} token, not ${article(kind)} token`);
    }
  };
}

function article(kind: TokenKind): string {
  return kind === 'ingest' ? 'an ingest' : 'a read';
}
