import type { Selector } from '../../schema/action';
import { SELECTOR_KINDS } from '../../schema/action-names';
import { cssSelector } from './css-selector';
import { queryRootOf, type QueryRoot } from './query-count';
import { roleSelector, type NameMatch } from './role-selector';
import { rowSelector } from './row-selector';
import { testIdSelector, type TestId } from './testid-selector';
import { xpathSelector } from './xpath-selector';
import { DEFAULT_HIDDEN, type HiddenRegions } from '../target/target-privacy';

/** Schema limit on a selector string; a longer one is dropped rather than cut (a cut selector is wrong). */
const MAX_SELECTOR_LENGTH = 2000;
const MAX_SHADOW_DEPTH = 8;

export interface SelectorInput {
  role: string | null;
  name: string;
  /** How the role selector compares the name (part: icon labels were left out of it). */
  nameMatch: NameMatch;
  testId: TestId | null;
  /** null: the element's text may not be used (blocked or masked): no names, no text attributes. */
  hidden: HiddenRegions | null;
  /** The row the element is in and its key text, for the row-anchored selector. */
  row: { el: Element; key: string } | null;
}

/**
 * The shadow hosts above an element, outermost first, each with a CSS
 * selector in its own root: Playwright resolves `host >> inner` through the
 * host's open shadow root. null when a root is closed or detached.
 */
function shadowHosts(el: Element): Selector[] | null {
  const hosts: Selector[] = [];
  let root = el.getRootNode() as Node & { host?: Element };
  for (let depth = 0; root.nodeType === 11; depth++) {
    const host = root.host;
    if (!host || depth >= MAX_SHADOW_DEPTH) return null;
    const hostRoot = queryRootOf(host);
    if (!hostRoot) return null;
    hosts.unshift(cssSelector(hostRoot, host));
    root = host.getRootNode() as Node & { host?: Element };
  }
  return hosts;
}

const KIND_ORDER = new Map(SELECTOR_KINDS.map((k, i) => [k, i]));

/** Unique selectors first (in kind order), then the others (in kind order): the first is the one to use. */
export function orderSelectors(selectors: Selector[]): Selector[] {
  const rank = (s: Selector) => (s.matches === 1 ? 0 : 100) + (KIND_ORDER.get(s.kind) ?? 50);
  return [...selectors].sort((a, b) => rank(a) - rank(b));
}

/**
 * Selectors of the kinds that apply (testid, role, row, css, xpath), each
 * with its match count at capture time, resolvable from the element's
 * document: inside open shadow roots they are `host >> inner` chains (counted
 * as host matches times inner matches), and xpath (which cannot enter shadow
 * roots) is left out. A detached element gets none.
 */
export function buildSelectors(el: Element, input: SelectorInput): Selector[] {
  const root = queryRootOf(el);
  if (!root) return [];
  const hosts = shadowHosts(el);
  if (hosts === null) return [];
  const hidden = input.hidden ?? undefined;
  const name = input.hidden ? input.name : '';
  const own: Array<Selector | null> = [
    input.testId ? testIdSelector(root, input.testId) : null,
    roleSelector(root, el, input.role, name, hidden, input.nameMatch),
    input.row && input.hidden ? rowSelector(root, input.row.el, input.row.key, el, input.role, name, input.nameMatch, hidden) : null,
    cssSelector(root, el, { textAttributes: input.hidden !== null }),
    hosts.length === 0 && el.ownerDocument ? xpathSelector(el.ownerDocument, el) : null,
  ];
  const chained = own.flatMap((s) => (s === null ? [] : [inHosts(s, hosts, root)]));
  return orderSelectors(chained.filter((s) => s.value.length > 0 && s.value.length <= MAX_SELECTOR_LENGTH));
}

function inHosts(selector: Selector, hosts: Selector[], _root: QueryRoot): Selector {
  if (hosts.length === 0) return selector;
  const matches = hosts.reduce((n, h) => n * h.matches, selector.matches);
  return { kind: selector.kind, value: [...hosts.map((h) => h.value), selector.value].join(' >> '), matches };
}

export { DEFAULT_HIDDEN };
