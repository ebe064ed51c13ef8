import { HttpError } from '../http/http-error';
import { InstallErasedError, type Store } from '../store/store';
import type { KeyedLock } from '../util/keyed-lock';
import { activeGrantVersions, hasActiveGrant, hasActiveGrantFor } from './consent/active-grant';

/**
 * The key of an install's lock in the server's KeyedLock. Every upload of the
 * install (batches, receipts) holds it from its checks to its commit, and an
 * erasure holds it while it writes the tombstone and deletes: an upload is
 * either stored before the erasure (and erased with the rest) or refused.
 */
export const installLockKey = (installId: string): string => `install:${installId}`;

export const installErased = (installId: string, erasedAt: number): HttpError =>
  new HttpError(
    410,
    'install_erased',
    `install ${installId} was erased on ${new Date(erasedAt).toISOString()}; the server keeps nothing more from it, delete this data locally`,
  );

/**
 * Throws 410 for an erased install, and, when consent is required, 403 for
 * one without an active grant, or without an active grant of the consent
 * version its batch names (`consentVersion`; a batch naming none, from an
 * earlier extension version, needs an active grant of any version).
 */
export async function checkInstallMayUpload(
  store: Store,
  installId: string,
  requireConsent: boolean,
  consentVersion?: string,
): Promise<void> {
  const tombstone = await store.tombstone(installId);
  if (tombstone) throw installErased(installId, tombstone.erasedAt);
  if (!requireConsent) return;
  const receipts = await store.consentReceipts(installId);
  if (!hasActiveGrant(receipts)) {
    throw new HttpError(
      403,
      'no_active_consent',
      `install ${installId} has no active consent grant on the server: send its consent receipt first (or consent again after a withdrawal)`,
    );
  }
  if (consentVersion !== undefined && !hasActiveGrantFor(receipts, consentVersion)) {
    const held = activeGrantVersions(receipts).map((v) => `"${v}"`);
    throw new HttpError(
      403,
      'consent_version_not_granted',
      `install ${installId} has no active consent grant for consent version "${consentVersion}" on the server ` +
        `(its active grants are for ${held.join(', ')}): send the receipt of that grant first`,
    );
  }
}

export interface UploadGateDeps {
  store: Store;
  locks: KeyedLock;
  now: () => number;
  /** WEBTRACE_REQUIRE_CONSENT_RECEIPT: refuse (403) installs without an active consent grant. */
  requireConsentReceipt: boolean;
}

/**
 * Runs an upload's store step (a batch, a shot) under the install's lock
 * after checkInstallMayUpload: an erasure of the install runs wholly before
 * (410) or wholly after it. Uploads hold the lock shared (the erasure and the
 * consent routes exclusively): one install's uploads then commit together
 * and share the log's fsyncs, and their batch and session locks still keep
 * each batch and session to one writer (server/ingest/ingest-batch.ts).
 */
export async function uploadUnlessErased<T>(
  deps: UploadGateDeps,
  installId: string,
  consentVersion: string | undefined,
  store: () => Promise<T>,
): Promise<T> {
  try {
    const key = installLockKey(installId);
    return await deps.locks.run(
      [],
      async () => {
        await checkInstallMayUpload(deps.store, installId, deps.requireConsentReceipt, consentVersion);
        return store();
      },
      { shared: [key] },
    );
  } catch (err) {
    // Another instance erased it between our check and the commit (the s3 store checks in the transaction).
    if (err instanceof InstallErasedError) throw installErased(installId, (await deps.store.tombstone(installId))?.erasedAt ?? deps.now());
    throw err;
  }
}
