import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditEvent, AuditSink } from '../../lib/schema/audit-entry';
import type { ViewerSession } from '../../lib/schema/read-api';
import { HttpError } from '../http/http-error';
import { bearerToken, requireRole } from './require-role';
import { clearSessionCookie, sessionCookieValue, sessionSetCookie, type SessionCookies } from './session-cookie';
import { digestHash } from './token-hash';
import type { TokenRegistry } from './token-registry';

export const VIEWER_SESSION_ROUTE = '/v1/viewer/session';

export interface ViewerSessionRoutesOptions {
  tokens: TokenRegistry;
  sessions: SessionCookies;
  /** Where sign-ins and sign-outs are recorded (the audit log); a sign-in that cannot be recorded is refused. */
  audit?: AuditSink;
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
    await recordOrRefuse(opts.audit, request, { action: 'viewer.sign-in', actor: request.caller ?? { role: 'read' }, ids: [] });
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
    await recordSignOut(opts, request);
    reply.header('set-cookie', clearSessionCookie(request.protocol === 'https'));
    reply.header('cache-control', 'no-store');
    return reply.code(204).send();
  });
}

/** Like a read, a sign-in the log cannot hold is not granted (503): the log must name every session opened. */
async function recordOrRefuse(sink: AuditSink | undefined, request: FastifyRequest, event: AuditEvent): Promise<void> {
  if (!sink) return;
  try {
    await sink(event);
  } catch (err) {
    request.log.error({ err }, 'audit log append failed; sign-in refused');
    throw new HttpError(503, 'audit_unavailable', 'the sign-in could not be recorded in the audit log; try again later');
  }
}

/** Only a session this server signed and still in force is recorded; a sign-out is never refused (the cookie goes either way). */
async function recordSignOut(opts: ViewerSessionRoutesOptions, request: FastifyRequest): Promise<void> {
  const cookie = sessionCookieValue(request.headers.cookie);
  if (!opts.audit || cookie === null) return;
  const check = await opts.sessions.check(cookie);
  if (!check.ok) return;
  try {
    await opts.audit({ action: 'viewer.sign-out', actor: { role: 'read', tokenHash: digestHash(check.digest) }, ids: [] });
  } catch (err) {
    request.log.error({ err }, 'audit log append failed; signed out all the same');
  }
}
