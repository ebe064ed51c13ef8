import { computeAccessibleName } from 'dom-accessibility-api';
import { maskText } from '../../privacy/mask-text';
import { safeMatches } from '../../privacy/policy';
import { clampText, normalizeText } from '../text';
import { isTextEntry, roleOf } from './element-kinds';
import { closestAcrossShadow, type HiddenRegions } from './target-privacy';

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
  'button',
  'cell',
  'checkbox',
  'columnheader',
  'gridcell',
  'heading',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'row',
  'rowheader',
  'switch',
  'tab',
  'tooltip',
  'treeitem',
]);
/**
 * Whether dom-accessibility-api may read what lies inside an element to name
 * it: roles named from content (its allowsNameFromContent: ours with label and
 * legend), and the tags it names from a child (fieldset's legend, table's
 * caption, svg's title, a caption itself). For anything else (a <main>, <body>,
 * a generic wrapper, a form) its own subtree never reaches its name, so it is
 * not searched: on a big element that search is a walk of the page.
 */
const CONTENT_NAMED_ROLES = new Set([...NAME_FROM_CONTENT_ROLES, 'label', 'legend']);
const CHILD_NAMED_TAGS = new Set(['fieldset', 'table', 'svg', 'caption']);

export function namedFromContent(el: Element, role: string | null = roleOf(el)): boolean {
  return (role !== null && CONTENT_NAMED_ROLES.has(role)) || CHILD_NAMED_TAGS.has(el.localName);
}

const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript']);
const INLINE_TAGS = new Set([
  'span',
  'b',
  'i',
  'em',
  'strong',
  'a',
  'code',
  'small',
  'abbr',
  'sub',
  'sup',
  'mark',
  's',
  'u',
  'label',
  'kbd',
]);
const MAX_TEXT = 1000;

/**
 * Accessible name that never contains typed text: text-entry elements are named
 * from labels/attributes only (never their content), and an element whose name
 * sources contain an editable control gets a name from text with the controls
 * left out. With `hidden`, text from blocked regions is left out and text from
 * masked regions is masked ("Pay ****" for a button holding a masked name).
 * Everything else uses dom-accessibility-api. Truncated to 500.
 */
export function accessibleName(el: Element, hidden?: HiddenRegions): string {
  try {
    let name: string;
    const fromContent = namedFromContent(el);
    if (isTextEntry(el)) name = labelsOnlyName(el, hidden);
    else if (hasEmbeddedControl(el, fromContent) || (hidden && touchesHidden(el, hidden, fromContent))) name = scrubbedName(el, hidden);
    else name = computeAccessibleName(el);
    return clampText(normalizeText(name));
  } catch {
    // accname over odd DOM must not cost the action; the name is just empty.
    return '';
  }
}

/**
 * The name of a landmark-like element (dialog, form, region, navigation…),
 * which never comes from its content: aria-labelledby, aria-label, title.
 * Read directly, so naming a big <main> never walks it.
 */
export function attributeName(el: Element, hidden?: HiddenRegions): string {
  try {
    const byRef = labelledBy(el)
      .map((e) => scrubbedText(e, hidden))
      .join(' ');
    return clampText(normalizeText(nonEmpty(byRef) ?? nonEmpty(el.getAttribute('aria-label')) ?? el.getAttribute('title') ?? ''));
  } catch {
    return '';
  }
}

/** Text of the element's <label>s with embedded controls left out ('' if none). */
export function labelText(el: Element, hidden?: HiddenRegions): string {
  const labels = (el as HTMLInputElement).labels;
  if (!labels || labels.length === 0) return '';
  return clampText(normalizeText([...labels].map((l) => scrubbedText(l, hidden)).join(' ')));
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

function hasEmbeddedControl(el: Element, fromContent: boolean): boolean {
  return nameSources(el).some((source) => {
    if (source === el) return fromContent && source.querySelector(EMBEDDED_CONTROLS) !== null;
    // A label may wrap `el` itself, which does not count.
    if (source.matches(EMBEDDED_CONTROLS)) return true;
    return [...source.querySelectorAll(EMBEDDED_CONTROLS)].some((c) => c !== el);
  });
}

/** Whether any name source is in, or holds, a blocked or masked region. */
function touchesHidden(el: Element, hidden: HiddenRegions, fromContent: boolean): boolean {
  const either = `${hidden.block}, ${hidden.mask}`;
  return nameSources(el).some((source) => {
    try {
      if (closestAcrossShadow(source, either) !== null) return true;
      return (source !== el || fromContent) && source.querySelector(either) !== null;
    } catch {
      return false;
    }
  });
}

function labelsOnlyName(el: Element, hidden?: HiddenRegions): string {
  // A reference into the field itself would be its typed content.
  const byRef = labelledBy(el)
    .filter((e) => !el.contains(e))
    .map((e) => scrubbedText(e, hidden))
    .join(' ');
  return (
    nonEmpty(byRef) ??
    nonEmpty(el.getAttribute('aria-label')) ??
    nonEmpty(labelText(el, hidden)) ??
    nonEmpty(el.getAttribute('title')) ??
    nonEmpty(el.getAttribute('placeholder')) ??
    el.getAttribute('aria-placeholder') ??
    ''
  );
}

function scrubbedName(el: Element, hidden?: HiddenRegions): string {
  const byRef = labelledBy(el)
    .map((e) => scrubbedText(e, hidden))
    .join(' ');
  return (
    nonEmpty(byRef) ??
    nonEmpty(el.getAttribute('aria-label')) ??
    nonEmpty(labelText(el, hidden)) ??
    nonEmpty(NAME_FROM_CONTENT_ROLES.has(roleOf(el) ?? '') ? scrubbedText(el, hidden) : '') ??
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

/**
 * Visible-ish text of a subtree, skipping editable controls and hidden parts; bounded.
 * With `hidden`: blocked regions contribute nothing, masked ones their masked text.
 */
function scrubbedText(root: Element, hidden?: HiddenRegions): string {
  if (root.matches(EMBEDDED_CONTROLS) || isEditable(root)) return '';
  if (hidden && closestAcrossShadow(root, hidden.block)) return '';
  if (hidden && closestAcrossShadow(root, hidden.mask)) return maskText(scrubbedText(root));
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && out.length < MAX_TEXT; child = child.nextSibling) {
      if (child.nodeType === 3) out += child.nodeValue ?? '';
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (SKIPPED_TAGS.has(el.localName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') continue;
      if (el.matches(EMBEDDED_CONTROLS) || isEditable(el)) continue;
      if (hidden && (safeMatches(el, hidden.block) || safeMatches(el, hidden.mask))) {
        out += ` ${scrubbedText(el, hidden)} `;
        continue;
      }
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
