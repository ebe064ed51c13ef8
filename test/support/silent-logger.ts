import type { FastifyBaseLogger } from 'fastify';

/** A logger that says nothing, for stores opened outside an app. */
export const silentLogger: FastifyBaseLogger = {
  level: 'silent',
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child: () => silentLogger,
} as unknown as FastifyBaseLogger;
