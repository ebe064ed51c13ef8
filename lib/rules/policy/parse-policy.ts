import { formatIssues } from '../../schema/format-issues';
import { CRITICAL_POLICY_KEYS, POLICY_KEYS, policyKeySchemas, type Policy, type PolicyIssue, type PolicyKey } from '../../schema/policy';

export type ParsedPolicy =
  /** No managed policy: the local configuration is in force. */
  | { kind: 'none' }
  | { kind: 'valid'; policy: Policy; issues: PolicyIssue[] }
  /** Unusable as a whole: capture is off and the reason is shown. */
  | { kind: 'invalid'; reason: string; issues: PolicyIssue[] };

/** The policy as the worker knows it: parsed, or not readable at all (a timeout, an error). */
export type PolicyState = ParsedPolicy | { kind: 'unreadable'; reason: string };

/**
 * Validates managed storage key by key. An invalid key is ignored and
 * reported (which key, why); an invalid critical key, or a policy that is not
 * an object, invalidates the whole policy. Unknown keys are reported too, as
 * they are usually typos of real ones.
 */
export function parsePolicy(raw: unknown): ParsedPolicy {
  if (raw === undefined || raw === null) return { kind: 'none' };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { kind: 'invalid', reason: 'the managed policy is not an object of keys', issues: [] };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) return { kind: 'none' };

  const policy: Record<string, unknown> = {};
  const issues: PolicyIssue[] = [];
  for (const [key, value] of entries) {
    if (!(POLICY_KEYS as string[]).includes(key)) {
      issues.push({ key, message: 'unknown key (ignored)' });
      continue;
    }
    const parsed = policyKeySchemas[key as PolicyKey].safeParse(value);
    if (parsed.success) policy[key] = parsed.data;
    else issues.push({ key, message: formatIssues(parsed.error.issues, { max: Infinity, root: '' }) });
  }
  const fatal = issues.filter((i) => (CRITICAL_POLICY_KEYS as string[]).includes(i.key));
  if (fatal.length) {
    return { kind: 'invalid', reason: `invalid ${fatal.map((i) => i.key).join(', ')}: capture is off until the policy is fixed`, issues };
  }
  return { kind: 'valid', policy: policy as Policy, issues };
}
