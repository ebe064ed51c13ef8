/**
 * The match pattern that loads the recorder on a site. Chrome's match patterns
 * cannot name a port, so the recorder also loads on the host's other ports;
 * there it asks the worker, is told no, and records nothing.
 */
export function patternForSite(origin: string): string | null {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** Sorted, without duplicates: two sets of patterns compare equal when they load the recorder on the same hosts. */
export function patternsForSites(origins: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const o of origins) {
    const p = patternForSite(o);
    if (p) out.add(p);
  }
  return [...out].sort();
}
