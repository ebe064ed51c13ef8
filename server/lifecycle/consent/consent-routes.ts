import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  consentReceiptSchema,
  type ConsentReceiptAck,
  type ConsentReceiptList,
  type StoredConsentReceipt,
} from '../../../lib/schema/consent-receipt';
import { requireRole } from '../../auth/require-role';
import { HttpError } from '../../http/http-error';
import { parseOr400 } from '../../http/parse-request';
import { checkInstallMayUpload, installLockKey } from '../install-gate';
import type { LifecycleDeps } from '../lifecycle-deps';
import { hasActiveGrant } from './active-grant';

export const CONSENT_RECEIPTS_ROUTE = '/v1/consent-receipts';
export const ADMIN_CONSENT_RECEIPTS_ROUTE = '/v1/admin/consent-receipts';

const listQuerySchema = z.object({ installId: z.uuid('installId must be a UUID') });

/**
 * POST /v1/consent-receipts (ingest token): stores a receipt immutably, once
 * per receipt id (a resend gets the first answer; other content under the
 * same id is a 409). GET /v1/admin/consent-receipts?installId= (admin token).
 */
export async function consentRoutes(app: FastifyInstance, deps: LifecycleDeps): Promise<void> {
  const { store } = deps;
  app.post(CONSENT_RECEIPTS_ROUTE, { onRequest: requireRole(deps.tokens, 'ingest') }, async (request): Promise<ConsentReceiptAck> => {
    const receipt = parseOr400(consentReceiptSchema, request.body, 'invalid_consent_receipt');
    await deps.identify?.(request, receipt);
    const stored: StoredConsentReceipt = { ...receipt, storedAt: deps.now() };
    const result = await deps.locks.run([installLockKey(receipt.installId)], async () => {
      // A withdrawal is always taken (recording it is the point); only an erased install is refused.
      await checkInstallMayUpload(store, receipt.installId, false);
      return store.putConsentReceipt(stored);
    });
    if (result.outcome === 'conflict') {
      throw new HttpError(409, 'receipt_id_reused', `consent receipt ${receipt.receiptId} was already stored with other content`);
    }
    if (result.outcome === 'created') {
      request.log.info({ receiptId: receipt.receiptId, kind: receipt.kind }, 'consent receipt stored');
      await deps.audit?.({
        action: 'consent.receipt',
        actor: { role: 'ingest', tokenHash: request.caller?.tokenHash },
        ids: [receipt.installId, receipt.receiptId],
      });
    }
    return { receiptId: receipt.receiptId, created: result.outcome === 'created', storedAt: result.stored.storedAt };
  });

  app.get(ADMIN_CONSENT_RECEIPTS_ROUTE, { onRequest: requireRole(deps.tokens, 'admin') }, async (request): Promise<ConsentReceiptList> => {
    const { installId } = parseOr400(listQuerySchema, request.query, 'invalid_query');
    const receipts = await store.consentReceipts(installId);
    return { installId, receipts, active: hasActiveGrant(receipts) };
  });
}
