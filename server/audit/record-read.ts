import type { FastifyRequest } from 'fastify';
import type { AuditSink } from '../../lib/schema/audit-entry';
import { HttpError } from '../http/http-error';

/**
 * Records that a read token read a session's content, before any of it is
 * sent: a read that cannot be recorded is not served (503), so the log holds
 * every read that happened.
 */
export async function recordSessionRead(
  sink: AuditSink | undefined,
  request: FastifyRequest,
  sessionId: string,
  counts?: Record<string, number>,
): Promise<void> {
  if (!sink) return;
  try {
    await sink({
      action: 'session.read',
      // Set by requireRole, which every read route runs first.
      actor: request.caller ?? { role: 'read' },
      ids: [sessionId],
      ...(counts ? { counts } : {}),
    });
  } catch (err) {
    request.log.error({ err, sessionId }, 'audit log append failed; read refused');
    throw new HttpError(
      503,
      'audit_unavailable',
      'the read could not be recorded in the audit log, so nothing was served; try again later',
    );
  }
}
