import type { FastifyInstance } from 'fastify';
import type { ViewerSession } from '../../lib/schema/read-api';
import { bearerToken, requireRole } from './require-role';
import { clearSessionCookie, sessionCookieValue, sessionSetCookie, type SessionCookies } from './session-cookie';
import type { TokenRegistry } from './token-registry';

export const VIEWER_SESSION_ROUTE = '/v1/viewer/session';

export interface ViewerSessionRoutesOptions {
  tokens: TokenRegistry;
  sessions: SessionCookies;
}

/**
 * The viewer's sign-in (issue 19), so a researcher gives the read token once
 * per browser instead of once per tab, and no page script ever holds it:
 *   POST   (Authorization: Bearer <read token>) sets the session cookie
 *   GET    (the cookie, or a read token) says whether and until when one is signed in
 *   DELETE clears the cookie (sign out)
 */
export async function viewerSessionRoutes(app: FastifyInstance, opts: ViewerSessionRoutesOptions): Promise<void> {
  app.post(VIEWER_SESSION_ROUTE, { onRequest: requireRole(opts.tokens, 'read') }, async (request, reply): Promise<ViewerSession> => {
    // requireRole accepted a bearer read token (the cookie never counts for POST).
    const { value, expiresAt } = await opts.sessions.issue(bearerToken(request)!);
    reply.header('set-cookie', sessionSetCookie(value, opts.sessions.ttlMs, request.protocol === 'https'));
    reply.header('cache-control', 'no-store');
    return { signedIn: true, expiresAt: new Date(expiresAt).toISOString() };
  });

  app.get(
    VIEWER_SESSION_ROUTE,
    { onRequest: requireRole(opts.tokens, 'read', opts.sessions) },
    async (request, reply): Promise<ViewerSession> => {
      reply.header('cache-control', 'no-store');
      const cookie = sessionCookieValue(request.headers.cookie);
      const check = bearerToken(request) === null && cookie !== null ? await opts.sessions.check(cookie) : null;
      return { signedIn: true, expiresAt: check?.ok ? new Date(check.expiresAt).toISOString() : null };
    },
  );

  // No credential needed: removing one's own cookie harms no one, and a signed-out viewer must be able to.
  app.delete(VIEWER_SESSION_ROUTE, async (request, reply) => {
    reply.header('set-cookie', clearSessionCookie(request.protocol === 'https'));
    reply.header('cache-control', 'no-store');
    return reply.code(204).send();
  });
}
