import type { FastifyInstance } from 'fastify';
import type { BatchReceipt } from '../../lib/schema/batch';
import { requireRole } from '../auth/require-role';
import type { TokenRegistry } from '../auth/token-registry';
import { HttpError } from '../http/http-error';
import { checkInstallMayUpload, installErased, installLockKey } from '../lifecycle/install-gate';
import { InstallErasedError } from '../store/store';
import { decodeBatch, type BodyLimits } from './decode-batch';
import { ingestBatch, type IngestDeps } from './ingest-batch';
import type { InstallIdentity } from './install-identity';

export const BATCHES_ROUTE = '/v1/batches';

export interface BatchRouteOptions extends IngestDeps {
  tokens: TokenRegistry;
  limits: BodyLimits;
  identify: InstallIdentity;
  now: () => number;
  /** WEBTRACE_REQUIRE_CONSENT_RECEIPT: refuse (403) installs without an active consent grant. */
  requireConsentReceipt: boolean;
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
      const receipt = await storeUnlessErased(opts, installId, batch.consentVersion, () => ingestBatch(opts, batch, installId));
      request.log.info({ batchId: batch.batchId, stored: receipt.stored, duplicates: receipt.duplicates }, 'batch stored');
      return receipt;
    },
  );
}

/** Under the install's lock: an erasure of it runs wholly before or wholly after (server/lifecycle/install-gate.ts). */
async function storeUnlessErased<T>(
  opts: BatchRouteOptions,
  installId: string,
  consentVersion: string | undefined,
  store: () => Promise<T>,
): Promise<T> {
  try {
    return await opts.locks.run([installLockKey(installId)], async () => {
      await checkInstallMayUpload(opts.store, installId, opts.requireConsentReceipt, consentVersion);
      return store();
    });
  } catch (err) {
    // Another instance erased it between our check and the commit (the s3 store checks in the transaction).
    if (err instanceof InstallErasedError) throw installErased(installId, (await opts.store.tombstone(installId))?.erasedAt ?? opts.now());
    throw err;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
