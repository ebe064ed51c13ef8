import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../lib/schema/batch';
import { HttpError } from './http-error';

/** Codes for Fastify's own 4xx errors (body too large, bad content length…). */
const FASTIFY_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Turns any thrown error into `{error, message}` JSON; never lets one crash the server. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.statusCode, body: { error: err.code, message: err.message } };
  const status = (err as FastifyError | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'request body is too large' : (err as Error).message;
    return { status, body: { error: FASTIFY_CODES[status] ?? 'bad_request', message } };
  }
  // Details of 5xx stay in the log: they can name files and internals.
  return { status: 500, body: { error: 'internal_error', message: 'internal server error' } };
}

export function installErrorHandling(app: FastifyInstance, onRejected: (request: FastifyRequest, code: string) => void): void {
  app.setErrorHandler((err, request, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.error, status }, 'request rejected');
    onRejected(request, body.error);
    if (err instanceof HttpError) reply.headers(err.headers);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: 'not_found', message: `no route for ${request.method} ${request.url}` };
    return reply.code(404).send(body);
  });
}
