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
 * match or their kinds. A selector of compound parts only (no combinator, no pseudo-class but
 * :not/:is/:where: the default ones) matches an element by the element alone, so a mutation is
 * applied where it happened: added subtrees are matched, removed elements dropped, an element
 * whose attribute (one the selector reads) changed is matched again. Any other cacheable selector
 * is matched again after any element is added or removed or such an attribute changes. A text
 * edit changes nothing here. A selector this cannot reason about is never cached (fail closed).
 */
export function createRegionElements(doc: Document, selectors: RegionSelectors): RegionElements {
  const attributes = cacheableAttributes(selectors.all);
  const compound = attributes !== null && isCompound(selectors.all);
  // In the order matched: two reports of one shot read the same list, and any change between them differs.
  let cached: Map<Element, ShotRegionKind> | null = null;
  let list: Array<readonly [ShotRegionKind, Element]> | null = null;
  const reads = (record: MutationRecord) => attributes!.has((record.attributeName ?? '').toLowerCase());
  const touches = (record: MutationRecord) =>
    record.type === 'attributes'
      ? reads(record)
      : record.type === 'childList' && (hasElement(record.addedNodes) || hasElement(record.removedNodes));
  const recheck = (map: Map<Element, ShotRegionKind>, el: Element) => {
    if (el.isConnected && el.matches(selectors.all)) map.set(el, selectors.kindOf(el));
    else map.delete(el);
  };
  const apply = (map: Map<Element, ShotRegionKind>, records: readonly MutationRecord[]) => {
    let removed = false;
    for (const record of records) {
      if (record.type === 'attributes' && reads(record)) recheck(map, record.target as Element);
      if (record.type !== 'childList') continue;
      removed ||= hasElement(record.removedNodes);
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE || !node.isConnected) continue;
        recheck(map, node as Element);
        for (const el of (node as Element).querySelectorAll(selectors.all)) recheck(map, el);
      }
    }
    if (removed) for (const el of map.keys()) if (!el.isConnected) map.delete(el);
  };
  return {
    update(records) {
      if (!cached) return;
      list = null;
      if (compound) apply(cached, records);
      else if (records.some(touches)) cached = null;
    },
    current() {
      if (list) return list;
      if (!cached) {
        const found = new Map(Array.from(doc.querySelectorAll(selectors.all), (el) => [el, selectors.kindOf(el)] as const));
        if (!attributes) return Array.from(found, ([el, kind]) => [kind, el] as const);
        cached = found;
      }
      list = Array.from(cached, ([el, kind]) => [kind, el] as const);
      return list;
    },
  };
}

/** Whether every comma-separated part is one compound selector: no combinator, and no pseudo-class but :not/:is/:where. */
export function isCompound(selector: string): boolean {
  const bare = selector.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/\[[^\]]*\]/g, '[]');
  for (const [, name] of bare.matchAll(/::?([a-zA-Z-]+)/g)) if (!['not', 'is', 'where'].includes(name!.toLowerCase())) return false;
  // Inside :not(...) and the like a comma separates alternatives too.
  return bare.split(/[,()]/).every((part) => !/[\s>+~]/.test(part.trim()));
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
