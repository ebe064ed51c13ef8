import type { FastifyInstance } from 'fastify';
import type { BatchReceipt } from '../../lib/schema/batch';
import { requireRole } from '../auth/require-role';
import type { TokenRegistry } from '../auth/token-registry';
import { HttpError } from '../http/http-error';
import { uploadUnlessErased, type UploadGateDeps } from '../lifecycle/install-gate';
import { decodeBatch, type BodyLimits } from './decode-batch';
import { ingestBatch, type IngestDeps } from './ingest-batch';
import type { InstallIdentity } from '../auth/install-identity';

export const BATCHES_ROUTE = '/v1/batches';

export interface BatchRouteOptions extends IngestDeps, UploadGateDeps {
  tokens: TokenRegistry;
  limits: BodyLimits;
  identify: InstallIdentity;
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
    { bodyLimit: opts.limits.maxBodyBytes, onRequest: requireRole(opts.tokens, 'ingest') },
    async (request): Promise<BatchReceipt> => {
      const batch = await decodeBatch(request.body, header(request.headers['content-encoding']), opts.limits, opts.now());
      const key = header(request.headers['idempotency-key']);
      if (key !== undefined && key !== batch.batchId) {
        throw new HttpError(400, 'idempotency_key_mismatch', "Idempotency-Key header must equal the body's batchId");
      }
      const installId = await opts.identify(request, batch);
      const receipt = await uploadUnlessErased(opts, installId, batch.consentVersion, () => ingestBatch(opts, batch, installId));
      request.log.info({ batchId: batch.batchId, stored: receipt.stored, duplicates: receipt.duplicates }, 'batch stored');
      return receipt;
    },
  );
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
