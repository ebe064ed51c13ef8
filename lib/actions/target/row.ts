import { visibleText } from '../choice/choice-label';
import { clampText } from '../text';

const CELL = 'td, th, [role="cell"], [role="gridcell"], [role="rowheader"]';
const MAX_KEY = 100;

/** The table or grid row an element is in (not a header row), or null. */
export function rowOf(el: Element): Element | null {
  const row = el.closest('tr, [role="row"]');
  if (!row || row === el || row.closest('thead')) return null;
  return row;
}

/**
 * What identifies a row to a person: its row header cell, else the first cell
 * with text that is not the target's own cell and holds no control.
 */
export function rowKey(row: Element, target: Element): string {
  const cells = [...row.children].filter((c) => c.matches(CELL));
  const header = cells.find((c) => c.localName === 'th' || c.getAttribute('role') === 'rowheader');
  const candidates = header ? [header, ...cells] : cells;
  for (const cell of candidates) {
    if (cell.contains(target)) continue;
    if (cell.querySelector('button, a[href], input, select, textarea, [role="button"], [role="checkbox"]')) continue;
    const text = visibleText(cell);
    if (text) return clampText(text, MAX_KEY);
  }
  return '';
}
