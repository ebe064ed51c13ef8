import type { z } from 'zod';

/** `sessions[3].bytes: expected number`: the first problem or two, enough to say what did not fit. */
export function formatIssuesBriefly(issues: readonly z.core.$ZodIssue[], max = 2): string {
  const parts = issues.slice(0, max).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
  if (issues.length > max) parts.push(`${issues.length - max} more`);
  return parts.join('; ');
}
