import type { z } from 'zod';

/** `chunks[0].events: Too small: …; batchId: …` — names the path of each problem, first few only. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const parts = issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (issues.length > max) parts.push(`and ${issues.length - max} more problems`);
  return parts.join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(body)';
}
