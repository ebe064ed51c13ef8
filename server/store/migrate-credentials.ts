import { canonicalJson } from '../../lib/rules/consent/canonical-json';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import type { Store } from './store';

/** The record as it works (hashes, schedule, revocation), without the store's write counter. */
const working = ({ version: _version, ...rest }: StoredInstallCredential) => canonicalJson(rest);

/**
 * One install credential record (hashes only) into the target, so a migration does not make every
 * install enrol again. Written as the target's first version; 'same' when the target already holds
 * it (a repeated run), 'conflict' when it holds another one (the install enrolled there since): that
 * one is kept, being the one the install uses.
 */
export async function copyInstallCredential(to: Store, record: StoredInstallCredential): Promise<'created' | 'same' | 'conflict'> {
  const there = await to.installCredential(record.installId);
  if (there === null && (await to.putInstallCredential({ ...record, version: 1 }))) return 'created';
  const now = there ?? (await to.installCredential(record.installId));
  return now !== null && working(now) === working(record) ? 'same' : 'conflict';
}
