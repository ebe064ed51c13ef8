import type { FastifyInstance } from 'fastify';
import { MAX_SHOT_BYTES, SHOT_META_HEADER, SHOTS_ROUTE, type ShotReceipt } from '../../lib/schema/screenshot';
import { requireRole } from '../auth/require-role';
import type { TokenRegistry } from '../auth/token-registry';
import { uploadUnlessErased, type UploadGateDeps } from '../lifecycle/install-gate';
import { header } from './batch-route';
import { decodeShot } from './decode-shot';
import type { IngestDeps } from './ingest-batch';
import { ingestShot } from './ingest-shot';
import type { InstallIdentity } from '../auth/install-identity';

export interface ShotRouteOptions extends IngestDeps, UploadGateDeps {
  tokens: TokenRegistry;
  identify: InstallIdentity;
}

/**
 * POST /v1/shots (issue 15, lib/schema/screenshot.ts): a redacted WebP image
 * as the body, its metadata in the webtrace-shot-meta header. The ingest
 * token, the install's identity, lock, erasure and consent gate of batches;
 * its own plugin, so the raw-Buffer body parser (capped at MAX_SHOT_BYTES)
 * applies here only.
 */
export async function shotRoute(app: FastifyInstance, opts: ShotRouteOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    SHOTS_ROUTE,
    { bodyLimit: MAX_SHOT_BYTES, onRequest: requireRole(opts.tokens, 'ingest') },
    async (request): Promise<ShotReceipt> => {
      const { meta, image } = decodeShot(
        {
          contentType: header(request.headers['content-type']),
          contentEncoding: header(request.headers['content-encoding']),
          meta: header(request.headers[SHOT_META_HEADER]),
        },
        request.body,
      );
      const installId = await opts.identify(request, meta);
      const receipt = await uploadUnlessErased(opts, installId, meta.consentVersion, () =>
        ingestShot(opts, meta, image, installId, opts.now()),
      );
      request.log.info({ sessionId: meta.sessionId, page: meta.page, takenAt: meta.takenAt, duplicate: receipt.duplicate }, 'shot stored');
      return receipt;
    },
  );
}
