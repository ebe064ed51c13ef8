import type { ObserveAnswer, ObserveRequest } from '../../../lib/schema/render-observation';
import { INTERACTIVE_SELECTOR } from '../../../lib/actions/target/resolve-target';
import { axTree } from './ax-tree';
import { frameOf, interactiveCandidates } from './candidates';
import { serializeDom } from './serialize-dom';
import { FOUND_MARK } from './marks';
import { deepQuery, rectOf, round1 } from './walk';

export interface NodeMirror {
  getNode(id: number): Node | null;
  getId(node: Node | undefined | null): number;
}

/** What Playwright's engines said about the step's selectors (exporter/render/playwright-selectors.ts). */
export interface SelectorFindings {
  selectors: ObserveAnswer['selectors'];
  /** The target's id found nothing, and a unique selector's element was marked with FOUND_MARK. */
  foundBySelector: boolean;
}

/**
 * What the replayed page shows at this instant about one step: where its
 * target is (by rrweb id, else the element its first unique selector found,
 * else under its point), the page scroll, and (when `full`) the DOM, the
 * accessibility tree and the interactive candidates. Which selectors find
 * the target was decided by Playwright before (`findings`).
 */
export function observe(
  doc: Document | null,
  mirror: NodeMirror,
  viewport: { width: number; height: number },
  req: ObserveRequest,
  findings: SelectorFindings,
): ObserveAnswer {
  const idOf = (n: Node) => mirror.getId(n);
  const { selectors } = findings;
  if (!doc?.documentElement) {
    return {
      ready: false,
      title: null,
      viewport,
      scroll: { x: 0, y: 0 },
      located: 'none',
      nodeId: null,
      bbox: null,
      elementScroll: null,
      selectors,
      domHtml: null,
      axtree: null,
      candidates: [],
    };
  }
  const recorded = recordedTarget(mirror, req.nodeId);
  const found = findings.foundBySelector ? deepQuery(doc, `[${FOUND_MARK}]`) : null;
  found?.removeAttribute(FOUND_MARK);

  let located: ObserveAnswer['located'] = 'none';
  let el: Element | null = null;
  if (recorded) {
    located = 'node_id';
    el = recorded;
  } else if (found) {
    located = 'selector';
    el = found;
  } else {
    if (req.point) {
      const hit = doc.elementFromPoint(req.point.x, req.point.y);
      el = hit?.closest(INTERACTIVE_SELECTOR) ?? hit ?? null;
      if (el) located = 'point';
    }
  }
  const r = el ? rectOf(el, frameOf(el)) : null;
  const isPage = !el || el === doc.documentElement || el === doc.body;
  const win = doc.defaultView;
  return {
    ready: true,
    title: doc.title || null,
    viewport,
    scroll: { x: win?.scrollX ?? 0, y: win?.scrollY ?? 0 },
    located,
    nodeId: el ? idOf(el) : null,
    bbox: r && { x: round1(r.x), y: round1(r.y), width: round1(r.width), height: round1(r.height) },
    elementScroll: isPage ? null : { x: el!.scrollLeft, y: el!.scrollTop },
    selectors,
    domHtml: req.full ? serializeDom(doc, idOf) : null,
    axtree: req.full ? axTree(doc, idOf) : null,
    candidates: req.full ? interactiveCandidates(doc, viewport, idOf, req.topK, el) : [],
  };
}

/** The recorded target in the replayed DOM by its rrweb id, if it is there (connected). */
export function recordedTarget(mirror: NodeMirror, nodeId: number | null): Element | null {
  const node = nodeId !== null && nodeId > 0 ? mirror.getNode(nodeId) : null;
  return node && node.nodeType === 1 && node.isConnected ? (node as Element) : null;
}
