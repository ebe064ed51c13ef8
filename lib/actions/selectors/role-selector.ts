import type { Selector } from '../../schema/action';
import { accessibleName, namedFromContent } from '../target/accessible-name';
import type { HiddenRegions } from '../target/target-privacy';
import { roleOf } from '../target/element-kinds';
import { normalizeText } from '../text';
import { isHiddenForAria } from './aria-hidden';
import type { QueryRoot } from './query-count';
import { ambiguousNear } from './near';
import { implicitRoleIsExact, mainTagOf, roleCandidates } from './role-candidates';

/** Candidates scanned per count, and names computed (the expensive part): past either, the count is "not unique" (2). */
export const MAX_ROLE_CANDIDATES = 3000;
export const MAX_NAME_COMPUTATIONS = 50;

const NAMING_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder', 'value'];
const NAMING_DESCENDANTS = '[alt], [aria-label], [title]';

/** How a role selector's name is compared: whole (Playwright `[name="x"]`) or as a part (`[name*="x"]`). */
export type NameMatch = 'whole' | 'part';

const holds = (value: string | null | undefined, needle: string): boolean =>
  !!value && (value.toLowerCase().includes(needle) || normalizeText(value).toLowerCase().includes(needle));

/**
 * Cheap test that an element's name could contain `needle`, before computing
 * it: a naming attribute, a label, its text or a named descendant holds it
 * (aria-labelledby cannot be told cheaply: it may). Its subtree is read only
 * when its role may be named from content (`fromContent`): a landmark's or a
 * wrapper's text is the page's, and never its name.
 */
function mayBeNamed(el: Element, needle: string, fromContent: boolean): boolean {
  if (el.hasAttribute('aria-labelledby')) return true;
  if (NAMING_ATTRIBUTES.some((a) => holds(el.getAttribute(a), needle))) return true;
  const labels = (el as HTMLInputElement).labels;
  if (labels && [...labels].some((l) => holds(l.textContent, needle))) return true;
  if (!fromContent) return false;
  if (holds(el.textContent, needle)) return true;
  for (const d of el.querySelectorAll(NAMING_DESCENDANTS)) {
    if (['alt', 'aria-label', 'title'].some((a) => holds(d.getAttribute(a), needle))) return true;
  }
  return false;
}

/** Playwright attribute quoting: backslash and double quote escaped. */
export function quoteName(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function roleSelectorValue(role: string, name: string, match: NameMatch = 'whole'): string {
  return name ? `role=${role}[name${match === 'part' ? '*=' : '='}${quoteName(name)}]` : `role=${role}`;
}

/**
 * How many elements `role=R[name="N"]` finds in `scope`, as Playwright counts:
 * role from the accessibility rules, name compared whole (or as a part)
 * case-insensitively, elements hidden from the accessibility tree skipped.
 * `self` is counted once, unless it is hidden itself. Candidates come from one
 * native query of the role's possible tags; past the budget the answer is 2.
 */
export function countRole(
  scope: QueryRoot | Element,
  self: Element | null,
  role: string,
  name: string,
  match: NameMatch,
  hidden?: HiddenRegions,
): number {
  const needle = normalizeText(name).toLowerCase();
  // A target hidden from the accessibility tree (a modal popup set aria-hidden on the page) is not found by role.
  let matches = self && !isHiddenForAria(self) ? 1 : 0;
  let computed = 0;
  const selector = roleCandidates(role, self?.localName ?? '');
  const exact = implicitRoleIsExact(role);
  const named = (candidate: Element): boolean => {
    if (!needle) return true;
    if (!mayBeNamed(candidate, needle, namedFromContent(candidate, role))) return false;
    computed++;
    const candidateName = accessibleName(candidate, hidden).toLowerCase();
    return match === 'part' ? candidateName.includes(needle) : candidateName === needle;
  };
  const hasRole = (candidate: Element): boolean => (exact && !candidate.hasAttribute('role') ? true : roleOf(candidate) === role);
  // The neighbourhood's candidates come again in the page's query: each is judged once.
  const judged = new Map<Element, boolean>();
  const counts = (candidate: Element): boolean => {
    if (candidate === self || computed > MAX_NAME_COMPUTATIONS) return false;
    let verdict = judged.get(candidate);
    if (verdict === undefined) {
      verdict = hasRole(candidate) && named(candidate) && !isHiddenForAria(candidate);
      judged.set(candidate, verdict);
    }
    return verdict;
  };
  // The usual ambiguity (the next row's button) is found next to the target, without looking at the page.
  if (self && matches === 1 && ambiguousNear(self, selector, counts, scope.nodeType === 1 ? (scope as Element) : null)) return 2;
  if (computed > MAX_NAME_COMPUTATIONS) return Math.max(matches, 2);
  computed = 0;
  // Past the budget, known from the browser's cached count of the role's main tag before any query.
  const tag = mainTagOf(role);
  const byTag = (scope as Partial<Pick<Document, 'getElementsByTagName'>>).getElementsByTagName;
  if (tag && byTag && byTag.call(scope, tag).length > MAX_ROLE_CANDIDATES) return Math.max(matches, 2);
  let candidates: NodeListOf<Element>;
  try {
    candidates = scope.querySelectorAll(selector);
  } catch {
    return matches;
  }
  if (candidates.length > MAX_ROLE_CANDIDATES) return Math.max(matches, 2);
  for (const candidate of candidates) {
    if (counts(candidate)) matches++;
    if (computed > MAX_NAME_COMPUTATIONS) return Math.max(matches, 2);
  }
  return matches;
}

/** Playwright's `role=button[name="Save"]` for the element, with its count in its root. */
export function roleSelector(
  root: QueryRoot,
  el: Element,
  role: string | null,
  name: string,
  hidden?: HiddenRegions,
  match: NameMatch = 'whole',
): Selector | null {
  if (role === null) return null;
  return { kind: 'role', value: roleSelectorValue(role, name, match), matches: countRole(root, el, role, name, match, hidden) };
}
