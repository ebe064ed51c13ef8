import { POLICY_CONFIRMED_KEY } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';
import { parsePolicy, type PolicyState } from '../rules/policy/parse-policy';
import { readManaged } from './read-managed';

/**
 * The one module that reads the organisation's policy; everything else asks
 * it. Until the first read has settled, `get()` waits (bounded), so nothing is
 * recorded before the decision is made. A change event re-reads.
 */

export interface PolicySourceDeps {
  readManaged: () => Promise<Record<string, unknown>>;
  /** storage.session: remembers, for this browser session, that an empty policy was already confirmed. */
  session: StorageAreaLike;
  timeoutMs?: number;
  confirmEmptyAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function createPolicySource(deps: PolicySourceDeps) {
  let pending: Promise<PolicyState> | null = null;
  let last: PolicyState | null = null;

  const load = async (): Promise<PolicyState> => {
    const confirmed = (await deps.session.get(POLICY_CONFIRMED_KEY))[POLICY_CONFIRMED_KEY] === true;
    const read = await readManaged({
      read: deps.readManaged,
      timeoutMs: deps.timeoutMs ?? 10_000,
      confirmEmptyAfterMs: confirmed ? 0 : (deps.confirmEmptyAfterMs ?? 1_500),
      sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    });
    if (!read.ok) {
      pending = null; // try again next time rather than stay unreadable for good
      return { kind: 'unreadable', reason: read.reason };
    }
    await deps.session.set({ [POLICY_CONFIRMED_KEY]: true });
    return parsePolicy(read.values);
  };

  return {
    /** The policy in force, waiting for the first read if it has not settled. */
    async get(): Promise<PolicyState> {
      pending ??= load();
      last = await pending;
      return last;
    },
    /** The managed policy changed: the next get() reads it again. */
    invalidate() {
      pending = null;
    },
    /** The last settled state, without waiting (null before the first read settled). */
    current: () => last,
  };
}
export type PolicySource = ReturnType<typeof createPolicySource>;
