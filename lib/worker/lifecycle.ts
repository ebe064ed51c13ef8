import type { ConfigSource } from '../platform/config-source';
import type { PolicySource } from '../platform/policy-source';
import type { LoadedState } from '../platform/state-store';
import { awaitAdminPolicy, type AwaitAdminPolicyDeps } from './await-admin-policy';

/**
 * The worker's life events: install, browser start, the organisation's policy or the local
 * configuration changing. Each re-applies the person's choices; install and a raised consent
 * version open the consent page (asked once per event).
 */
export interface LifecycleDeps {
  policy: Pick<PolicySource, 'invalidate'>;
  config: Pick<ConfigSource, 'load'>;
  loadState: () => Promise<LoadedState>;
  /** Re-applies the capture decision everywhere (lib/worker/capture-gate.ts). */
  applyChoices: () => Promise<void>;
  openConsentPage: () => Promise<unknown>;
  /** For an install by policy: wait for its settings before asking (lib/worker/await-admin-policy.ts). */
  adminPolicy: Omit<AwaitAdminPolicyDeps, 'timeoutMs'>;
  log: (message: string, detail?: unknown) => void;
}

const ADMIN_POLICY_TIMEOUT_MS = 30_000;

export function createLifecycle(deps: LifecycleDeps) {
  /** Asks for consent when `always`, or when the consent text in force is newer than what the person agreed to. */
  const askConsent = async (always: boolean) => {
    const [{ config }, { state }] = await Promise.all([deps.config.load(), deps.loadState()]);
    if (always || (state?.consent && state.consent.version < config.consentVersion)) await deps.openConsentPage();
  };

  return {
    async installed(reason: string): Promise<void> {
      // Installed by the organisation's policy: its settings (notice, purpose) come seconds later; ask with them.
      if (reason === 'install') {
        const arrived = await awaitAdminPolicy({ ...deps.adminPolicy, timeoutMs: ADMIN_POLICY_TIMEOUT_MS });
        if (!arrived) deps.log('installed by policy, but no managed settings arrived within 30 s');
        deps.policy.invalidate();
      }
      await deps.applyChoices();
      await askConsent(reason === 'install');
    },
    started: () => deps.applyChoices(),
    /** The organisation changed its policy: re-read it and apply at once (a newly blocked site stops). */
    async policyChanged(): Promise<void> {
      deps.policy.invalidate();
      await deps.applyChoices();
      await askConsent(false);
    },
    /** The local configuration (which sites are allowed) changed: re-apply. */
    localConfigChanged: () => deps.applyChoices(),
  };
}
export type Lifecycle = ReturnType<typeof createLifecycle>;
