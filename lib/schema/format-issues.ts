import type { z } from 'zod';

/**
 * The one way a zod error is put into words, at every boundary (server bodies, policy keys, local
 * configuration, recorder messages): `chunks[0].events: Too small: …; batchId: …`, naming the path
 * of each problem, the first few only.
 */
export interface FormatIssuesOptions {
  /** Problems named before the rest are only counted. */
  max?: number;
  /** What an empty path is called: '(body)' for an HTTP body, '(root)' for a stored value, '' for none. */
  root?: string;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], options: FormatIssuesOptions | number = {}): string {
  const { max = 5, root = '(body)' } = typeof options === 'number' ? { max: options } : options;
  const parts = issues.slice(0, max).map((issue) => {
    const path = formatPath(issue.path, root);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  if (issues.length > max) parts.push(`and ${issues.length - max} more problems`);
  return parts.join('; ');
}

/** Segments kept at each end of a long path (a node deep in a tree): the message stays short. */
const PATH_ENDS = 8;

/** `chunks[0].events[2].data.node.childNodes[1]`; a very long path keeps its start and end around "...". */
export function formatPath(path: readonly PropertyKey[], root = '(body)'): string {
  const shown = path.length > 3 * PATH_ENDS ? [...path.slice(0, PATH_ENDS), '...', ...path.slice(-PATH_ENDS)] : path;
  let out = '';
  for (const segment of shown) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || root;
}
