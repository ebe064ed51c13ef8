import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-error';
import { withArticle, type Role } from './roles';
import { tokenHash } from './token-hash';
import type { TokenRegistry } from './token-registry';

/** Who a request authenticated as; the audit log records the role and a short hash, never the token. */
export interface Caller {
  role: Role;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message, { connection: 'close' });

/**
 * An onRequest hook: runs on the headers, before any of the body is read. A
 * refusal also closes the connection, so a body still on its way (slowly, on
 * purpose or not) is never waited for and its connection is freed at once.
 */
export function requireRole(registry: TokenRegistry, needed: Role) {
  const needs = `this endpoint needs ${withArticle(needed)} token`;
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (token === null) throw unauthorized(`missing "Authorization: Bearer <token>"; ${needs}`);
    const role = registry.roleOf(token);
    if (role === null) throw unauthorized(`unknown token; ${needs}`);
    if (role !== needed) throw unauthorized(`${needs}, not ${withArticle(role)} token`);
    request.caller = { role, tokenHash: tokenHash(token) };
  };
}
