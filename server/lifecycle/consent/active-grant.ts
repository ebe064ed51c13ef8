import type { StoredConsentReceipt } from '../../../lib/schema/consent-receipt';

/** Receipts oldest first (Store.consentReceipts): consent is active when the latest is a grant. */
export function hasActiveGrant(receipts: readonly StoredConsentReceipt[]): boolean {
  return receipts.at(-1)?.kind === 'grant';
}

/**
 * The erasure secret's sha256 the install registered: the one on its first
 * stored receipt that carries one. A later receipt cannot replace it (whoever
 * holds the ingest token could otherwise take over someone's erasure).
 */
export function registeredSecretSha256(receipts: readonly StoredConsentReceipt[]): string | null {
  const first = [...receipts].sort((a, b) => a.storedAt - b.storedAt).find((r) => r.erasureSecretSha256 !== undefined);
  return first?.erasureSecretSha256 ?? null;
}
