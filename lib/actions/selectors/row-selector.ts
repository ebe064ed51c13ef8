import type { Selector } from '../../schema/action';
import type { HiddenRegions } from '../target/target-privacy';
import { normalizeText } from '../text';
import { isHiddenForAria } from './aria-hidden';
import { countRole, quoteName, roleSelectorValue, type NameMatch } from './role-selector';
import type { QueryRoot } from './query-count';

/** Rows looked at when counting: past it the selector counts as "not unique" (2). */
export const MAX_ROWS = 3000;

/**
 * `role=row[name*="EX-1003"] >> role=button[name="Actions"]`: the target found
 * by its role and name inside the row whose name contains the row's key, so it
 * still points at that row after sorting or paging. Rows are counted by their
 * text (a row is named from its content), then the target's role within them.
 */
export function rowSelector(
  root: QueryRoot,
  row: Element,
  key: string,
  el: Element,
  role: string | null,
  name: string,
  match: NameMatch,
  hidden?: HiddenRegions,
): Selector | null {
  if (!key || role === null) return null;
  const value = `role=row[name*=${quoteName(key)}] >> ${roleSelectorValue(role, name, match)}`;
  const needle = normalizeText(key).toLowerCase();
  // A table past the budget (its <tr>s are counted by the browser's cached collection) is not counted.
  const doc = root.nodeType === 9 ? (root as Document) : row.ownerDocument;
  if (doc.getElementsByTagName('tr').length > MAX_ROWS) return { kind: 'row', value, matches: 2 };
  let rows: NodeListOf<Element>;
  try {
    rows = root.querySelectorAll('tr, [role="row"]');
  } catch {
    return null;
  }
  if (rows.length > MAX_ROWS) return { kind: 'row', value, matches: 2 };
  let matches = 0;
  for (const candidate of rows) {
    if (candidate !== row) {
      if (
        !normalizeText(candidate.textContent ?? '')
          .toLowerCase()
          .includes(needle) ||
        isHiddenForAria(candidate)
      )
        continue;
    }
    // Playwright looks for the inner selector below each matching row.
    matches += countRole(candidate, candidate === row ? el : null, role, name, match, hidden);
    if (matches > 2) break;
  }
  return { kind: 'row', value, matches };
}
