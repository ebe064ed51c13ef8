import type { PolicyState } from '../policy/parse-policy';
import { policyToConfig } from '../policy/policy-to-config';
import { DEFAULT_CONFIG } from './default-config';
import type { LoadedConfig } from './load-config';

/** Before anything was loaded: the defaults. */
export const INITIAL_LOADED_CONFIG: LoadedConfig = {
  config: DEFAULT_CONFIG,
  source: 'default',
  error: null,
  blocked: null,
  policyIssues: [],
};

/**
 * The configuration a managed policy puts in force. Precedence: a policy (an invalid or unreadable
 * one turns capture off), else the local configuration (`local`, read only when there is no
 * policy), else the defaults.
 */
export async function configInForce(policy: PolicyState, local: () => Promise<LoadedConfig>): Promise<LoadedConfig> {
  if (policy.kind === 'none') return local();
  if (policy.kind === 'valid') {
    const issues = policy.issues;
    return {
      config: policyToConfig(policy.policy),
      source: 'policy',
      error: issues.length ? `policy keys ignored: ${issues.map((i) => `${i.key} (${i.message})`).join('; ')}` : null,
      blocked: null,
      policyIssues: issues,
    };
  }
  return {
    config: DEFAULT_CONFIG,
    source: 'policy',
    error: null,
    blocked: policy.reason,
    policyIssues: 'issues' in policy ? policy.issues : [],
  };
}
