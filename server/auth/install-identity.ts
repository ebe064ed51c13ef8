import type { FastifyRequest } from 'fastify';
import type { Batch } from '../../lib/schema/batch';

/**
 * Which install is uploading a batch (or a shot: its metadata's installId): the install a session is bound to
 * (server/ingest/ingest-batch.ts). Today it is the batch's own `installId`,
 * unauthenticated: anyone with the organisation's ingest token can claim any
 * install id. Per-install credentials (issue 16) plug in here: an identity that
 * reads the request's credential, refuses a batch claiming another install,
 * and returns the credential's install id.
 */
export type InstallIdentity = (request: FastifyRequest, upload: Pick<Batch, 'installId'>) => string | Promise<string>;

export const claimedInstall: InstallIdentity = (_request, upload) => upload.installId;
