import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-error';
import { withArticle, type Role } from './roles';
import { digestHash, tokenHash } from './token-hash';
import type { TokenRegistry } from './token-registry';
import { clearSessionCookie, sessionCookieValue, type SessionCookies } from './session-cookie';

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
export function requireRole(registry: TokenRegistry, needed: Role, sessions?: SessionCookies) {
  const needs = `this endpoint needs ${withArticle(needed)} token`;
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    // A bearer token wins; the viewer's session cookie stands in for a read token, on reads only.
    if (token === null && sessions && needed === 'read') {
      const cookie = sessionCookieValue(request.headers.cookie);
      if (cookie !== null) return await acceptSession(request, registry, sessions, cookie);
    }
    if (token === null) throw unauthorized(`missing "Authorization: Bearer <token>"; ${needs}`);
    const role = registry.roleOf(token);
    if (role === null) throw unauthorized(`unknown token; ${needs}`);
    if (role !== needed) throw unauthorized(`${needs}, not ${withArticle(role)} token`);
    request.caller = { role, tokenHash: tokenHash(token) };
  };
}

const SESSION_REFUSED = {
  malformed: 'the viewer session cookie is not one this server issued',
  forged: 'the viewer session cookie is not one this server issued',
  expired: 'the viewer session has expired',
} as const;

/**
 * The cookie is HttpOnly and SameSite=Strict, and it is honoured for GET only:
 * nothing it authorises changes anything, so a request another page forges
 * could at most read, which SameSite and the missing CORS headers both stop.
 */
async function acceptSession(request: FastifyRequest, registry: TokenRegistry, sessions: SessionCookies, cookie: string): Promise<void> {
  const secure = request.protocol === 'https';
  const refuse = (why: string) =>
    new HttpError(401, 'unauthorized', `${why}; sign in again`, { connection: 'close', 'set-cookie': clearSessionCookie(secure) });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw unauthorized(`the viewer session cookie is accepted for GET only; send "Authorization: Bearer <token>" for ${request.method}`);
  }
  const check = await sessions.check(cookie);
  if (!check.ok) throw refuse(SESSION_REFUSED[check.reason]);
  // A token rotated out of the configuration ends every session made with it.
  if (registry.roleOfDigest(check.digest) !== 'read')
    throw refuse('the read token this session was signed in with is no longer configured');
  request.caller = { role: 'read', tokenHash: digestHash(check.digest) };
}
