import { MAX_SHOT_REGIONS } from '../../schema/shot-limits';
import type { ShotRect, ShotRegion, ShotRegionKind } from '../../schema/shot-regions';
import type { Span } from '../../privacy/span';
import type { PiiTextIndex } from './pii-text-index';

export interface RegionSources {
  doc: Document;
  viewport: { width: number; height: number };
  /** The elements matched by the region selectors, with their kinds (region-elements.ts). */
  matched: Iterable<readonly [ShotRegionKind, Element]>;
  pii: PiiTextIndex;
  /** Elements certainly far from the viewport (near-viewport.ts); none when unknown. */
  isFar?: ((el: Element) => boolean) | null;
}

export interface CollectedRegions {
  regions: ShotRegion[];
  /** The elements behind the regions, for "a mutation in or above a region". */
  elements: Element[];
  /** More regions than a report carries: the shot must not be taken. */
  overflow: boolean;
}

/**
 * The elements a report may leave unmeasured when far (near-viewport.ts): matched ones and shadow
 * hosts, whose own box is what is blacked out. Flagged text is not among them: it may overflow its
 * parent's box (white-space: nowrap, a fixed height), so a far parent says nothing about where the
 * text is, and checking that it does not overflow (its scroll and client sizes) costs as much as
 * measuring the text itself (139 checks 0.56 ms, 139 range measurements 0.47 ms, on the bench page).
 */
export function* regionCandidates(matched: Iterable<readonly [ShotRegionKind, Element]>, pii: PiiTextIndex): Generator<Element> {
  for (const [, el] of matched) yield el;
  yield* pii.shadowHosts();
}

/**
 * A flagged text's ranges, one per span, made once per scan of the text (the index gives a new
 * span list when it rescans a changed text): setting a range's ends costs as much as measuring it.
 * Live ranges follow edits of the text, and an edited text is rescanned before any report reads them.
 */
const ranges = new WeakMap<readonly Span[], Range[]>();
function rangesOf(doc: Document, text: Text, spans: readonly Span[]): Range[] {
  let out = ranges.get(spans);
  if (out) return out;
  out = [];
  for (const span of spans) {
    const end = Math.min(span.end, text.length);
    if (span.start >= end) continue;
    const range = doc.createRange();
    range.setStart(text, span.start);
    range.setEnd(text, end);
    out.push(range);
  }
  ranges.set(spans, out);
  return out;
}

/**
 * The on-screen rectangles to black out: matched elements, then
 * flagged text (each span's own line boxes), then shadow hosts. Off-screen ones are left out.
 * Every rectangle is measured now; only which elements to measure may come from a cache, and an
 * element is skipped only when `isFar` says so (never flagged text: see regionCandidates).
 */
export function collectRegions({ doc, viewport, matched, pii, isFar }: RegionSources): CollectedRegions {
  const regions: ShotRegion[] = [];
  const elements: Element[] = [];
  const far = isFar ?? (() => false);
  const visible = (r: ShotRect) =>
    r.width > 0 && r.height > 0 && r.x < viewport.width && r.y < viewport.height && r.x + r.width > 0 && r.y + r.height > 0;
  const add = (kind: ShotRegionKind, r: DOMRect) => {
    const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
    if (visible(rect)) regions.push({ kind, ...rect });
  };
  const addElement = (kind: ShotRegionKind, el: Element) => {
    elements.push(el);
    if (!far(el)) add(kind, el.getBoundingClientRect());
  };
  for (const [kind, el] of matched) addElement(kind, el);
  for (const [text, spans] of pii.flagged()) {
    elements.push(text.parentElement ?? doc.documentElement);
    for (const range of rangesOf(doc, text, spans)) for (const r of range.getClientRects()) add('pii-text', r);
  }
  for (const host of pii.shadowHosts()) addElement('shadow-host', host);
  return { regions: regions.slice(0, MAX_SHOT_REGIONS), elements, overflow: regions.length > MAX_SHOT_REGIONS };
}
