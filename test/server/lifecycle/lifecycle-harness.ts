import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ConsentReceipt } from '../../../lib/schema/consent-receipt';
import type { AppOptions } from '../../../server/app';
import { makeApp } from '../harness';

/** Tokens of the roles the common harness lacks, and consent receipts as the extension would send them. */
export const EXPORT_TOKEN = 'test-export-token-mnopqrstuvwx';
export const ADMIN_TOKEN = 'test-admin-token-yz0123456789';

export function makeLifecycleApp(dataDir: string, overrides: Partial<AppOptions> = {}): FastifyInstance {
  return makeApp(dataDir, { exportTokens: [EXPORT_TOKEN], adminTokens: [ADMIN_TOKEN], ...overrides });
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A fresh erasure secret, as the extension makes one at install. */
export const newErasureSecret = (): string => randomBytes(32).toString('base64url');

export function makeReceipt(installId: string, overrides: Partial<ConsentReceipt> = {}): ConsentReceipt {
  return {
    receiptId: randomUUID(),
    installId,
    kind: 'grant',
    consentVersion: '2026-11',
    consentTextSha256: sha256('consent text v2026-11'),
    purposes: ['ai-training'],
    sitesOn: ['https://app.example.com/*'],
    extensionVersion: '0.1.0',
    policyHash: null,
    at: 1_700_000_000_000,
    ...overrides,
  };
}

export function postReceipt(app: FastifyInstance, body: unknown, token = 'test-ingest-token-0123456789'): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/v1/consent-receipts',
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });
}

export function eraseAsAdmin(app: FastifyInstance, installId: string, token = ADMIN_TOKEN): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'DELETE', url: `/v1/subjects/${installId}`, headers: { authorization: `Bearer ${token}` } });
}

export function eraseWithSecret(app: FastifyInstance, installId: string, secret: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/v1/subjects/${installId}/erase`, headers: { authorization: `Bearer ${secret}` } });
}
