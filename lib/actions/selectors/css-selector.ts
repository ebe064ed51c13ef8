import type { Selector } from '../../schema/action';
import { cssIdent, cssString } from './css-escape';
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

/**
 * A short, robust CSS selector, trying in order: a stable #id; tag+attributes
 * alone; `#stableAncestor tag+attributes`; the :nth-of-type path from that
 * ancestor (or from <body>). The first unique candidate wins; otherwise the
 * last (most specific) is reported with its real count.
 */
export function cssSelector(root: QueryRoot, el: Element, opts: CssSelectorOptions = { textAttributes: true }): Selector {
  const id = stableUniqueId(root, el);
  if (id !== null) return { kind: 'css', value: `#${cssIdent(id)}`, matches: 1 };
  if (el.localName === 'body' || el.localName === 'html') {
    return { kind: 'css', value: el.localName, matches: countCss(root, el.localName) };
  }
  const own = ownPart(el, opts);
  const anchor = stableIdAncestor(root, el);
  const prefix = anchor ? `#${cssIdent(anchor.id)}` : null;
  const candidates: string[] = [];
  if (own.hasAttributes) candidates.push(own.text);
  if (prefix) candidates.push(`${prefix} ${own.text}`);
  const path = pathFrom(el, own.text, anchor?.el ?? null);
  candidates.push(prefix ? `${prefix} > ${path}` : path);
  let last: Selector = { kind: 'css', value: '', matches: 0 };
  for (const value of candidates) {
    last = { kind: 'css', value, matches: countCss(root, value) };
    if (last.matches === 1) return last;
  }
  return last;
}
