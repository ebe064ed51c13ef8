import type { Selector } from '../../schema/action';
import { accessibleName } from '../target/accessible-name';
import type { HiddenRegions } from '../target/target-privacy';
import { roleOf } from '../target/element-kinds';
import { normalizeText } from '../text';
import type { QueryRoot } from './query-count';

/** Elements scanned when counting role matches: keeps a click cheap on huge pages. */
export const MAX_ROLE_CANDIDATES = 3000;
/** Accessible names computed per count (the expensive part). Past either cap the count is a lower bound. */
export const MAX_NAME_COMPUTATIONS = 300;

const NAMING_ATTRIBUTES = ['aria-label', 'aria-labelledby', 'title', 'alt', 'placeholder', 'value'];
const NAMING_DESCENDANTS = 'img, svg, [aria-label], [aria-labelledby], [title], input';

/** Cheap test that an element's name could contain `needle`, before computing it. */
function mayBeNamed(el: Element, needle: string): boolean {
  if (NAMING_ATTRIBUTES.some((a) => el.hasAttribute(a))) return true;
  if ((el as HTMLInputElement).labels?.length) return true;
  if (normalizeText(el.textContent ?? '').toLowerCase().includes(needle)) return true;
  return el.querySelector(NAMING_DESCENDANTS) !== null;
}

/** Playwright attribute quoting: backslash and double quote escaped. */
function quoteName(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Playwright-style `role=button[name="Save"]`. Playwright matches such a name
 * case-insensitively as a substring, so the count uses the same rule: it says
 * how many elements that exact string would find. Names are computed only for
 * elements whose role matches and whose text or attributes could hold the name.
 */
export function roleSelector(
  root: QueryRoot,
  el: Element,
  role: string | null,
  name: string,
  hidden?: HiddenRegions,
): Selector | null {
  if (role === null) return null;
  const value = name ? `role=${role}[name=${quoteName(name)}]` : `role=${role}`;
  const needle = name.toLowerCase();
  let matches = 1; // the target itself, even if it lies beyond the caps
  let computed = 0;
  const all = root.querySelectorAll('*');
  const limit = Math.min(all.length, MAX_ROLE_CANDIDATES);
  for (let i = 0; i < limit && computed < MAX_NAME_COMPUTATIONS; i++) {
    const candidate = all[i];
    if (!candidate || candidate === el || roleOf(candidate) !== role) continue;
    if (!needle) {
      matches++;
      continue;
    }
    if (!mayBeNamed(candidate, needle)) continue;
    computed++;
    if (accessibleName(candidate, hidden).toLowerCase().includes(needle)) matches++;
  }
  return { kind: 'role', value, matches };
}
