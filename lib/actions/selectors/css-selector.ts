import type { Selector } from '../../schema/action';
import { cssIdent, cssString } from './css-escape';
import { ambiguousNear } from './near';
import { countCss, type QueryRoot } from './query-count';
import { stableIdAncestor, stableUniqueId } from './stable-id';
import { hasSameTypeSibling, indexOfType } from './tree';

/** Attributes stable enough to identify a control (never `value`). */
const STABLE_ATTRIBUTES = ['name', 'type', 'aria-label'] as const;
/** Of those, the ones people read: left out when the element's text may not be used. */
const TEXT_ATTRIBUTES = new Set(['aria-label']);
const MAX_ATTRIBUTE_LENGTH = 100;

export interface CssSelectorOptions {
  /** false: the element is in a blocked or masked region, its text attributes stay out. */
  textAttributes: boolean;
}

/** tag plus its stable attributes, e.g. `input[name="email"][type="email"]`. */
function ownPart(el: Element, opts: CssSelectorOptions): { text: string; hasAttributes: boolean } {
  let text = cssIdent(el.localName);
  let hasAttributes = false;
  for (const attribute of STABLE_ATTRIBUTES) {
    if (!opts.textAttributes && TEXT_ATTRIBUTES.has(attribute)) continue;
    const value = el.getAttribute(attribute);
    if (!value || value.length > MAX_ATTRIBUTE_LENGTH) continue;
    text += `[${attribute}=${cssString(value)}]`;
    hasAttributes = true;
  }
  return { text, hasAttributes };
}

function step(el: Element, own: string): string {
  return hasSameTypeSibling(el) ? `${own}:nth-of-type(${indexOfType(el)})` : own;
}

/** `child > child:nth-of-type(n) > target` from below `stop` (or the root's top) down to el. */
function pathFrom(el: Element, own: string, stop: Element | null): string {
  const parts = [step(el, own)];
  for (let a = el.parentElement; a && a !== stop; a = a.parentElement) {
    if (a.localName === 'body' && stop === null) {
      parts.push('body');
      break;
    }
    parts.push(step(a, cssIdent(a.localName)));
  }
  return parts.reverse().join(' > ');
}

/** Elements below `anchor` matching `own` (Playwright's `#anchor own` looks only there). */
function countBelow(anchor: Element, own: string): number {
  try {
    return anchor.querySelectorAll(own).length;
  } catch {
    return 0;
  }
}

/**
 * A short, robust CSS selector, trying in order: a stable #id; tag+attributes
 * alone; `#stableAncestor tag+attributes`; the :nth-of-type path from that
 * ancestor (or from <body>). The first unique candidate wins; otherwise the
 * last (most specific) is reported with its real count. Counting never walks
 * more than it must: `#id` is a lookup, the anchored form looks below the
 * anchor only, and a path of child steps from <body> or a unique id is unique
 * by construction (each step is the one child of its type, or has its
 * :nth-of-type), so it is not queried at all. In a shadow root a path is not
 * anchored and is counted there.
 */
export function cssSelector(root: QueryRoot, el: Element, opts: CssSelectorOptions = { textAttributes: true }): Selector {
  const id = stableUniqueId(root, el);
  if (id !== null) return { kind: 'css', value: `#${cssIdent(id)}`, matches: 1 };
  if (el.localName === 'body' || el.localName === 'html') {
    // The document's own body and root are one each; counting them by query walks the page.
    const doc = root.nodeType === 9 ? (root as Document) : null;
    const own = doc !== null && (el === doc.body || el === doc.documentElement);
    return { kind: 'css', value: el.localName, matches: own ? 1 : countCss(root, el.localName) };
  }
  const own = ownPart(el, opts);
  const anchor = stableIdAncestor(root, el);
  const prefix = anchor ? `#${cssIdent(anchor.id)}` : null;
  if (own.hasAttributes && !ambiguousNear(el, own.text)) {
    const matches = countCss(root, own.text);
    if (matches === 1) return { kind: 'css', value: own.text, matches };
  }
  if (anchor && prefix) {
    const matches = countBelow(anchor.el, own.text);
    if (matches === 1) return { kind: 'css', value: `${prefix} ${own.text}`, matches };
  }
  const path = pathFrom(el, own.text, anchor?.el ?? null);
  const value = prefix ? `${prefix} > ${path}` : path;
  const anchored = prefix !== null || (root.nodeType === 9 && value.startsWith('body'));
  return { kind: 'css', value, matches: anchored ? 1 : countCss(root, value) };
}
