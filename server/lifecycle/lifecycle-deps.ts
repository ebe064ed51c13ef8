import type { AuditSink } from '../../lib/schema/audit-entry';
import type { TokenRegistry } from '../auth/token-registry';
import type { InstallIdentity } from '../auth/install-identity';
import type { Store } from '../store/store';
import type { KeyedLock } from '../util/keyed-lock';

/** What the lifecycle routes and jobs share (server/app.ts builds it). */
export interface LifecycleDeps {
  store: Store;
  /** The same lock the batch route takes (installLockKey, session keys). */
  locks: KeyedLock;
  tokens: TokenRegistry;
  now: () => number;
  /** Where erasures, sweeps and receipts are reported (the audit log, server/audit/); none when unset. */
  audit?: AuditSink;
  /** Which install a consent receipt may be stored for (its credential's; default: the one it names). */
  identify?: InstallIdentity;
}
