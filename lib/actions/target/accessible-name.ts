import { computeAccessibleName } from 'dom-accessibility-api';
import { clampText, normalizeText } from '../text';
import { isTextEntry, roleOf } from './element-kinds';

/**
 * Controls whose value the accname algorithm would copy into an enclosing
 * element's name ("Qty [42]"): any of them among the name sources switches to
 * the scrubbed computation below. Checkbox/radio/button inputs carry no typed value.
 */
const EMBEDDED_CONTROLS = [
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="reset"]):not([type="image"])',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role~="textbox"]',
  '[role~="searchbox"]',
  '[role~="combobox"]',
  '[role~="spinbutton"]',
  '[role~="slider"]',
  '[role~="listbox"]',
].join(', ');
/** ARIA roles that take their name from content (landmarks, dialogs, forms do not). */
const NAME_FROM_CONTENT_ROLES = new Set([
  'button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript']);
const INLINE_TAGS = new Set(['span', 'b', 'i', 'em', 'strong', 'a', 'code', 'small', 'abbr', 'sub', 'sup', 'mark', 's', 'u', 'label', 'kbd']);
const MAX_TEXT = 1000;

/**
 * Accessible name that never contains typed text: text-entry elements are named
 * from labels/attributes only (never their content), and an element whose name
 * sources contain an editable control gets a name from text with the controls
 * left out. Everything else uses dom-accessibility-api. Truncated to 500.
 */
export function accessibleName(el: Element): string {
  try {
    let name: string;
    if (isTextEntry(el)) name = labelsOnlyName(el);
    else if (hasEmbeddedControl(el)) name = scrubbedName(el);
    else name = computeAccessibleName(el);
    return clampText(normalizeText(name));
  } catch {
    // accname over odd DOM must not cost the action; the name is just empty.
    return '';
  }
}

/** Text of the element's <label>s with embedded controls left out ('' if none). */
export function labelText(el: Element): string {
  const labels = (el as HTMLInputElement).labels;
  if (!labels || labels.length === 0) return '';
  return clampText(normalizeText([...labels].map((l) => scrubbedText(l)).join(' ')));
}

function labelledBy(el: Element): Element[] {
  const ids = el.getAttribute('aria-labelledby')?.trim().split(/\s+/) ?? [];
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return [];
  return ids.map((id) => root.getElementById(id)).filter((e): e is HTMLElement => e !== null);
}

function nameSources(el: Element): Element[] {
  const labels = (el as HTMLInputElement).labels;
  return [el, ...(labels ? [...labels] : []), ...labelledBy(el)];
}

function hasEmbeddedControl(el: Element): boolean {
  return nameSources(el).some((source) => {
    if (source === el) return source.querySelector(EMBEDDED_CONTROLS) !== null;
    // A label may wrap `el` itself, which does not count.
    if (source.matches(EMBEDDED_CONTROLS)) return true;
    return [...source.querySelectorAll(EMBEDDED_CONTROLS)].some((c) => c !== el);
  });
}

function labelsOnlyName(el: Element): string {
  // A reference into the field itself would be its typed content.
  const byRef = labelledBy(el)
    .filter((e) => !el.contains(e))
    .map((e) => scrubbedText(e))
    .join(' ');
  return (
    nonEmpty(byRef) ??
    nonEmpty(el.getAttribute('aria-label')) ??
    nonEmpty(labelText(el)) ??
    nonEmpty(el.getAttribute('title')) ??
    nonEmpty(el.getAttribute('placeholder')) ??
    el.getAttribute('aria-placeholder') ??
    ''
  );
}

function scrubbedName(el: Element): string {
  const byRef = labelledBy(el).map((e) => scrubbedText(e)).join(' ');
  return (
    nonEmpty(byRef) ??
    nonEmpty(el.getAttribute('aria-label')) ??
    nonEmpty(labelText(el)) ??
    nonEmpty(NAME_FROM_CONTENT_ROLES.has(roleOf(el) ?? '') ? scrubbedText(el) : '') ??
    el.getAttribute('title') ??
    ''
  );
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

function nonEmpty(text: string | null | undefined): string | undefined {
  return text && text.trim() ? text : undefined;
}

/** Visible-ish text of a subtree, skipping editable controls and hidden parts; bounded. */
function scrubbedText(root: Element): string {
  if (root.matches(EMBEDDED_CONTROLS) || isEditable(root)) return '';
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && out.length < MAX_TEXT; child = child.nextSibling) {
      if (child.nodeType === 3) out += child.nodeValue ?? '';
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (SKIPPED_TAGS.has(el.localName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') continue;
      if (el.matches(EMBEDDED_CONTROLS) || isEditable(el)) continue;
      if (el.localName === 'img') out += ` ${el.getAttribute('alt') ?? ''} `;
      const block = !INLINE_TAGS.has(el.localName);
      if (block) out += ' ';
      walk(el);
      if (block) out += ' ';
    }
  };
  walk(root);
  return out;
}
