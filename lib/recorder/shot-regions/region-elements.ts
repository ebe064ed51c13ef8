import type { ShotRegionKind } from '../../schema/shot-regions';

export interface RegionSelectors {
  /** The combined selector of every element kind (region-selectors.ts). */
  all: string;
  kindOf: (el: Element) => ShotRegionKind;
}

export interface RegionElements {
  /** A batch of mutation records: drops the matched set if any of them could change it. */
  update(records: readonly MutationRecord[]): void;
  /** The matched elements with their kinds, in document order. */
  current(): ReadonlyArray<readonly [ShotRegionKind, Element]>;
}

/**
 * Pseudo-classes whose match depends on the tree and attributes only. Any other (`:hover`,
 * `:focus`, `:checked`, `:defined`, ...) can change with no mutation: such a selector is matched
 * again for every report.
 */
const STRUCTURAL = new Set([
  'not',
  'is',
  'where',
  'has',
  'root',
  'scope',
  'first-child',
  'last-child',
  'only-child',
  'first-of-type',
  'last-of-type',
  'only-of-type',
  'nth-child',
  'nth-last-child',
  'nth-of-type',
  'nth-last-of-type',
  'lang',
  'dir',
]);

/**
 * The elements to black out, matched once and kept until a mutation could change which elements
 * match or their kinds: an element added or removed anywhere (structure, combinators, :nth-*), or
 * an attribute the selector reads (class, id, lang, dir, any `[name]`) changed. A text edit
 * changes neither. A selector this cannot reason about is never cached (fail closed).
 */
export function createRegionElements(doc: Document, selectors: RegionSelectors): RegionElements {
  const attributes = cacheableAttributes(selectors.all);
  let cached: Array<readonly [ShotRegionKind, Element]> | null = null;
  const touches = (record: MutationRecord) =>
    record.type === 'attributes'
      ? attributes!.has((record.attributeName ?? '').toLowerCase())
      : record.type === 'childList' && (hasElement(record.addedNodes) || hasElement(record.removedNodes));
  return {
    update(records) {
      if (cached && records.some(touches)) cached = null;
    },
    current() {
      if (cached) return cached;
      const found = Array.from(doc.querySelectorAll(selectors.all), (el) => [selectors.kindOf(el), el] as const);
      if (attributes) cached = found;
      return found;
    },
  };
}

const hasElement = (nodes: NodeList) => {
  for (const node of nodes) if (node.nodeType === Node.ELEMENT_NODE) return true;
  return false;
};

/** The attributes a selector reads, lower-cased; null when it uses a pseudo-class outside STRUCTURAL (or a namespace). */
export function cacheableAttributes(selector: string): Set<string> | null {
  // Quoted attribute values cannot hide a pseudo-class or an attribute name from the scan below.
  const bare = selector.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  if (bare.includes('|') || bare.includes('\\')) return null;
  for (const [, name] of bare.matchAll(/::?([a-zA-Z-]+)/g)) if (!STRUCTURAL.has(name!.toLowerCase())) return null;
  const out = new Set(['class', 'id', 'lang', 'dir']);
  for (const [, name] of bare.matchAll(/\[\s*([^\s~|^$*=\]]+)/g)) out.add(name!.toLowerCase());
  return out;
}
