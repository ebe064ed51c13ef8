import { MAX_SHOT_REGIONS } from '../../schema/shot-limits';
import type { ShotRect, ShotRegion, ShotRegionKind } from '../../schema/shot-regions';
import type { PiiTextIndex } from './pii-text-index';

export interface RegionSources {
  doc: Document;
  viewport: { width: number; height: number };
  /** The elements matched by the region selectors, with their kinds (region-elements.ts). */
  matched: Iterable<readonly [ShotRegionKind, Element]>;
  pii: PiiTextIndex;
}

export interface CollectedRegions {
  regions: ShotRegion[];
  /** The elements behind the regions, for "a mutation in or above a region". */
  elements: Element[];
  /** More regions than a report carries: the shot must not be taken. */
  overflow: boolean;
}

/**
 * The on-screen rectangles to black out: matched elements, then
 * flagged text (each span's own line boxes), then shadow hosts. Off-screen ones are left out.
 * Every rectangle is measured now; only which elements to measure may come from a cache.
 */
export function collectRegions({ doc, viewport, matched, pii }: RegionSources): CollectedRegions {
  const regions: ShotRegion[] = [];
  const elements: Element[] = [];
  const visible = (r: ShotRect) =>
    r.width > 0 && r.height > 0 && r.x < viewport.width && r.y < viewport.height && r.x + r.width > 0 && r.y + r.height > 0;
  const add = (kind: ShotRegionKind, r: DOMRect) => {
    const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
    if (visible(rect)) regions.push({ kind, ...rect });
  };
  const addElement = (kind: ShotRegionKind, el: Element) => {
    elements.push(el);
    add(kind, el.getBoundingClientRect());
  };
  for (const [kind, el] of matched) addElement(kind, el);
  const range = doc.createRange();
  for (const [text, spans] of pii.flagged()) {
    elements.push(text.parentElement ?? doc.documentElement);
    for (const span of spans) {
      const end = Math.min(span.end, text.length);
      if (span.start >= end) continue;
      range.setStart(text, span.start);
      range.setEnd(text, end);
      for (const r of range.getClientRects()) add('pii-text', r);
    }
  }
  for (const host of pii.shadowHosts()) addElement('shadow-host', host);
  return { regions: regions.slice(0, MAX_SHOT_REGIONS), elements, overflow: regions.length > MAX_SHOT_REGIONS };
}
