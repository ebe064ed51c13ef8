import type { FastifyInstance } from 'fastify';
import type { BatchReceipt } from '../../lib/schema/batch';
import { requireToken, type TokenRegistry } from '../http/bearer-auth';
import { HttpError } from '../http/http-error';
import { decodeBatch, type BodyLimits } from './decode-batch';
import { ingestBatch, type IngestDeps } from './ingest-batch';

export const BATCHES_ROUTE = '/v1/batches';

export interface BatchRouteOptions extends IngestDeps {
  tokens: TokenRegistry;
  limits: BodyLimits;
}

/**
 * POST /v1/batches. Registered as its own plugin so the raw-Buffer body parser
 * replaces Fastify's JSON parser here only: we must cap and gunzip the bytes
 * ourselves before any JSON parsing happens.
 */
export async function batchRoute(app: FastifyInstance, opts: BatchRouteOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    BATCHES_ROUTE,
    { bodyLimit: opts.limits.maxBodyBytes, onRequest: requireToken(opts.tokens, 'ingest') },
    async (request): Promise<BatchReceipt> => {
      const batch = await decodeBatch(request.body, header(request.headers['content-encoding']), opts.limits);
      const key = header(request.headers['idempotency-key']);
      if (key !== undefined && key !== batch.batchId) {
        throw new HttpError(400, 'idempotency_key_mismatch', 'Idempotency-Key header must equal the body\'s batchId');
      }
      const receipt = await ingestBatch(opts, batch);
      request.log.info({ batchId: batch.batchId, stored: receipt.stored, duplicates: receipt.duplicates }, 'batch stored');
      return receipt;
    },
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
