import type { StoredConsentReceipt } from '../../../lib/schema/consent-receipt';

/** Receipts oldest first (Store.consentReceipts): consent is active when the latest is a grant. */
export function hasActiveGrant(receipts: readonly StoredConsentReceipt[]): boolean {
  return receipts.at(-1)?.kind === 'grant';
}

/**
 * Whether the install's consent, active now, includes a grant of this
 * version: a grant receipt for it after the latest withdrawal (a withdrawal
 * ends every grant before it).
 */
export function hasActiveGrantFor(receipts: readonly StoredConsentReceipt[], consentVersion: string): boolean {
  if (!hasActiveGrant(receipts)) return false;
  const since = receipts.findLastIndex((r) => r.kind === 'withdraw');
  return receipts.slice(since + 1).some((r) => r.kind === 'grant' && r.consentVersion === consentVersion);
}

/** The versions of the grants active now (for the refusal's message). */
export function activeGrantVersions(receipts: readonly StoredConsentReceipt[]): string[] {
  if (!hasActiveGrant(receipts)) return [];
  const since = receipts.findLastIndex((r) => r.kind === 'withdraw');
  return [
    ...new Set(
      receipts
        .slice(since + 1)
        .filter((r) => r.kind === 'grant')
        .map((r) => r.consentVersion),
    ),
  ];
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
