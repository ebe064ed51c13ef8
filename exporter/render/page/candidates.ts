import type { Candidate } from '../../../lib/schema/dataset-observation';
import { accessibleName } from '../../../lib/actions/target/accessible-name';
import { roleOf } from '../../../lib/actions/target/element-kinds';
import { INTERACTIVE_SELECTOR } from '../../../lib/actions/target/resolve-target';
import { childFrame, childNodesOf, hasBox, isRendered, rectOf, round1, TOP, type Frame, type Rect } from './walk';

/**
 * The top-k interactive elements of the replayed page (what an agent could act
 * on), the ones in view first, each in document order, with their boxes. The
 * target is always among them (it replaces the last one when ranked out), so
 * a ranker has its positive.
 */
export function interactiveCandidates(
  doc: Document,
  viewport: { width: number; height: number },
  idOf: (n: Node) => number,
  topK: number,
  target: Element | null,
): Candidate[] {
  if (topK === 0) return [];
  const inView: Array<{ el: Element; rect: Rect }> = [];
  const outOfView: Array<{ el: Element; rect: Rect }> = [];
  const walk = (node: Node, frame: Frame): void => {
    if (node.nodeType !== 1 || inView.length >= topK) return;
    const el = node as Element;
    if (!isRendered(el)) return;
    if (safeMatches(el)) {
      const rect = rectOf(el, frame);
      if (hasBox(rect)) (intersects(rect, viewport) ? inView : outOfView).push({ el, rect });
    }
    if (el.localName === 'iframe') {
      const child = childFrame(el, frame);
      if (child?.doc.body) walk(child.doc.body, child.frame);
      return;
    }
    for (const c of childNodesOf(el)) walk(c, frame);
  };
  if (doc.body) walk(doc.body, TOP);
  const ranked = [...inView, ...outOfView].slice(0, topK);
  if (target && !ranked.some((c) => c.el === target)) {
    const rect = rectOf(target, frameOf(target));
    if (ranked.length === topK) ranked.pop();
    ranked.push({ el: target, rect });
  }
  return ranked.map(({ el, rect }) => ({
    node_id: idOf(el),
    tag: el.localName,
    role: roleOf(el),
    name: accessibleName(el),
    bbox_css: { x: round1(rect.x), y: round1(rect.y), width: round1(rect.width), height: round1(rect.height) },
    in_viewport: intersects(rect, viewport),
    is_target: el === target,
  }));
}

export function intersects(r: Rect, viewport: { width: number; height: number }): boolean {
  return r.x < viewport.width && r.y < viewport.height && r.x + r.width > 0 && r.y + r.height > 0;
}

function safeMatches(el: Element): boolean {
  try {
    return el.matches(INTERACTIVE_SELECTOR);
  } catch {
    return false;
  }
}

/** The offset of the frames an element sits in, up to the top replayed document. */
export function frameOf(el: Element): Frame {
  let dx = 0;
  let dy = 0;
  for (let win: Window | null = el.ownerDocument.defaultView; win?.frameElement && !isReplayRoot(win.frameElement); win = win.parent) {
    const host = win.frameElement;
    const r = host.getBoundingClientRect();
    dx += r.x + host.clientLeft;
    dy += r.y + host.clientTop;
  }
  return { dx, dy };
}

/** The replayer's own iframe (in the exporter's page): it is the top of the recorded page, not part of it. */
function isReplayRoot(frame: Element): boolean {
  return frame.parentElement?.classList.contains('replayer-wrapper') === true;
}
