import { normalizeText } from '../text';
import { opensSubmenu } from './find-choice';

const ACTIVE_IN_COLUMN =
  '[aria-expanded="true"], [aria-checked="true"], [aria-selected="true"], [class*="active"], [class*="in-path"], [class*="expanded"]';
const MAX_LABEL = 200;

/** Text a person sees in an item: icons (role=img, svg), aria-hidden and hidden parts left out. */
export function visibleText(root: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && out.length < MAX_LABEL; child = child.nextSibling) {
      if (child.nodeType === 3) out += child.nodeValue ?? '';
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (el.localName === 'svg' || el.localName === 'script' || el.localName === 'style') continue;
      if (el.getAttribute('role') === 'img' || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) continue;
      out += ' ';
      walk(el);
      out += ' ';
    }
  };
  walk(root);
  return normalizeText(out);
}

/**
 * The label of a chosen item: its own aria-label (what it is announced as;
 * some libraries list values as text in an accessibility-only list), else what
 * it shows, else its title. A calendar day's aria-label is a sentence
 * ("Choose Friday, March 15th, 2024"): the day shows what the person saw.
 */
export function itemLabel(item: Element, isDay = false): string {
  const own = isDay ? '' : normalizeText(item.getAttribute('aria-label') ?? '');
  return own || visibleText(item) || normalizeText(item.getAttribute('title') ?? '');
}

const LIST = '[role="menu"], [role="listbox"], [role="tree"], ul';
/** How far above its list a cascader column's box may be (a scroll wrapper or two). */
const COLUMN_LEVELS = 3;

/**
 * The labels of the levels before `item` in a multi-column popup (cascader):
 * the item's list sits in a column box with sibling column boxes before it,
 * and in each of those the item on the active path (expanded, checked or
 * marked active) that opens the next level. Returns those items, first level first.
 */
export function levelsBefore(item: Element, popup: Element | null): Element[] {
  const list = item.closest(LIST);
  if (!list || !popup) return [];
  let box: Element = list;
  for (let level = 0; level <= COLUMN_LEVELS; level++) {
    const parent = box.parentElement;
    if (!parent) return [];
    const columns = [...parent.children].filter((c) => c === box || c.matches(LIST) || c.querySelector(LIST));
    if (columns.length > 1) return activePath(columns.slice(0, columns.indexOf(box)));
    box = parent;
  }
  return [];
}

function activePath(columns: Element[]): Element[] {
  const out: Element[] = [];
  for (const column of columns) {
    const list = column.matches(LIST) ? column : column.querySelector(LIST);
    const active = list ? [...list.children].find((c) => c.matches(ACTIVE_IN_COLUMN) && opensSubmenu(c)) : null;
    if (!active) return [];
    out.push(active);
  }
  return out;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "2024-03-15", "2024-03-15T10:00", "March 15th, 2024", "15 March 2024" → ISO date (time kept for ISO input); else null. */
export function parseDate(text: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}${iso[4] ?? ''}`;
  const lower = text.toLowerCase();
  const month = MONTHS.findIndex((m) => lower.includes(m) || new RegExp(`\\b${m.slice(0, 3)}\\b`).test(lower));
  if (month < 0) return null;
  const year = /\b(\d{4})\b/.exec(lower);
  const name = MONTHS[month]!;
  const after = new RegExp(`\\b${name.slice(0, 3)}[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(lower);
  const before = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${name.slice(0, 3)}`).exec(lower);
  const day = after?.[1] ?? before?.[1];
  if (!year || !day) return null;
  return `${year[1]}-${String(month + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The machine-readable date a date cell exposes: datetime, data-date, title or aria-label. */
export function exposedDate(item: Element): string | null {
  const time = item.matches('time[datetime]') ? item : item.querySelector('time[datetime]');
  for (const value of [
    time?.getAttribute('datetime'),
    item.getAttribute('data-date'),
    item.getAttribute('title'),
    item.getAttribute('aria-label'),
  ]) {
    const date = value ? parseDate(value) : null;
    if (date) return date;
  }
  return null;
}
