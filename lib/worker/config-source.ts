import { loadConfig, type LoadedConfig } from '../config/load-config';
import { DEFAULT_CONFIG } from '../config/default-config';
import { policyToConfig } from '../policy/policy-to-config';
import type { PolicySource } from '../policy/policy-source';
import type { StorageAreaLike } from './storage-area';

/**
 * The configuration in force. Precedence: a managed policy (an invalid or
 * unreadable one turns capture off), else the local configuration, else the
 * defaults. Read fresh when it matters (a hello, an upload run) and kept for
 * the synchronous questions the upload scheduler asks.
 */
export interface ConfigSource {
  load(): Promise<LoadedConfig>;
  /** The last loaded configuration (the defaults until the first load). */
  current(): LoadedConfig;
}

export function createConfigSource(local: StorageAreaLike, policy: PolicySource): ConfigSource {
  let last: LoadedConfig = { config: DEFAULT_CONFIG, source: 'default', error: null, blocked: null, policyIssues: [] };
  return {
    async load() {
      const state = await policy.get();
      if (state.kind === 'none') {
        last = await loadConfig(async (key) => (await local.get(key))[key]);
      } else if (state.kind === 'valid') {
        const issues = state.issues;
        last = {
          config: policyToConfig(state.policy),
          source: 'policy',
          error: issues.length ? `policy keys ignored: ${issues.map((i) => `${i.key} (${i.message})`).join('; ')}` : null,
          blocked: null,
          policyIssues: issues,
        };
      } else {
        const reason = state.reason;
        last = { config: DEFAULT_CONFIG, source: 'policy', error: null, blocked: reason, policyIssues: 'issues' in state ? state.issues : [] };
      }
      return last;
    },
    current: () => last,
  };
}
