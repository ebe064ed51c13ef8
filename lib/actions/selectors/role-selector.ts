import type { Selector } from '../../schema/action';
import { accessibleName } from '../target/accessible-name';
import { roleOf } from '../target/element-kinds';
import type { QueryRoot } from './query-count';

/** Elements scanned when counting role matches: keeps a click cheap on huge pages (count is then a lower bound). */
export const MAX_ROLE_CANDIDATES = 3000;

/** Playwright attribute quoting: backslash and double quote escaped. */
function quoteName(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Playwright-style `role=button[name="Save"]`. Playwright matches such a name
 * case-insensitively as a substring, so the count uses the same rule: it says
 * how many elements that exact string would find. Names are computed only for
 * elements whose role already matches.
 */
export function roleSelector(root: QueryRoot, el: Element, role: string | null, name: string): Selector | null {
  if (role === null) return null;
  const value = name ? `role=${role}[name=${quoteName(name)}]` : `role=${role}`;
  const needle = name.toLowerCase();
  let matches = 1; // the target itself, even if it lies beyond the scan cap
  const all = root.querySelectorAll('*');
  const limit = Math.min(all.length, MAX_ROLE_CANDIDATES);
  for (let i = 0; i < limit; i++) {
    const candidate = all[i];
    if (!candidate || candidate === el || roleOf(candidate) !== role) continue;
    if (!needle || accessibleName(candidate).toLowerCase().includes(needle)) matches++;
  }
  return { kind: 'role', value, matches };
}
