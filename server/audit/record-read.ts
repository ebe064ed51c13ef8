import type { FastifyRequest } from 'fastify';
import type { AuditEvent, AuditSink } from '../../lib/schema/audit-entry';
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
  await recordReadOr503(sink, request, {
    action: 'session.read',
    // Set by requireRole, which every read route runs first.
    actor: request.caller ?? { role: 'read' },
    ids: [sessionId],
    ...(counts ? { counts } : {}),
  });
}

/** Appends a read to the audit log before it is answered; throws 503 when it cannot be recorded. */
export async function recordReadOr503(sink: AuditSink | undefined, request: FastifyRequest, event: AuditEvent): Promise<void> {
  if (!sink) return;
  try {
    await sink(event);
  } catch (err) {
    request.log.error({ err, ids: event.ids }, 'audit log append failed; read refused');
    throw new HttpError(
      503,
      'audit_unavailable',
      'the read could not be recorded in the audit log, so nothing was served; try again later',
    );
  }
}
