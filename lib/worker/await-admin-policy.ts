/**
 * An extension installed by policy gets its managed settings a few seconds
 * after it is installed (measured: ~5 s in Chromium 156, then a `managed`
 * change event). Opening the consent page before that would show the
 * defaults instead of the organisation's notice and purpose, so for an admin
 * install the worker waits for the policy first, bounded.
 */
export interface AwaitAdminPolicyDeps {
  /** chrome.management.getSelf().installType: 'admin' when installed by policy. */
  installType: () => Promise<string>;
  readManaged: () => Promise<Record<string, unknown>>;
  /** Subscribes to managed-storage changes; returns the unsubscribe. */
  onManagedChange: (listener: () => void) => () => void;
  timeoutMs: number;
}

/** Resolves with true once the organisation's policy is there (or at once for other installs), false on timeout. */
export async function awaitAdminPolicy(deps: AwaitAdminPolicyDeps): Promise<boolean> {
  if ((await deps.installType().catch(() => 'unknown')) !== 'admin') return true;
  const hasPolicy = async () => Object.keys((await deps.readManaged().catch(() => ({}))) ?? {}).length > 0;
  if (await hasPolicy()) return true;
  return new Promise<boolean>((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => done(false), deps.timeoutMs);
    const unsubscribe = deps.onManagedChange(() => void hasPolicy().then((yes) => yes && done(true)));
  });
}
