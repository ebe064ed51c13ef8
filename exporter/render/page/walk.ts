/**
 * Walking the replayed page: elements in document order, descending into open
 * shadow roots and same-origin iframes, with the offset that turns a node's
 * own viewport coordinates into the top document's (frames are nested).
 */
export interface Frame {
  /** Top-document viewport position of this frame's viewport origin. */
  dx: number;
  dy: number;
}

export const TOP: Frame = { dx: 0, dy: 0 };

/** The child frame of an <iframe> element, or null when it has no reachable document. */
export function childFrame(iframe: Element, frame: Frame): { doc: Document; frame: Frame } | null {
  let doc: Document | null;
  try {
    doc = (iframe as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
  if (!doc?.documentElement) return null;
  const r = iframe.getBoundingClientRect();
  return { doc, frame: { dx: frame.dx + r.x + iframe.clientLeft, dy: frame.dy + r.y + iframe.clientTop } };
}

/** Children to visit: an open shadow root's children come first (they are what renders), then light children. */
export function childNodesOf(node: Node): Node[] {
  const out: Node[] = [];
  const shadow = (node as Element).shadowRoot;
  if (shadow) for (let c = shadow.firstChild; c; c = c.nextSibling) out.push(c);
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function rectOf(el: Element, frame: Frame): Rect {
  const r = el.getBoundingClientRect();
  return { x: r.x + frame.dx, y: r.y + frame.dy, width: r.width, height: r.height };
}

/** Rendered at all: not display:none nor visibility:hidden, here or above (display:contents counts as rendered). */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el, { visibilityProperty: true }) : true;
}

export function hasBox(r: Rect): boolean {
  return r.width > 0 && r.height > 0;
}

export const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The first element matching `css` in the document, its open shadow roots and same-origin frames, in that order. */
export function deepQuery(doc: Document, css: string): Element | null {
  const visit = (root: Document | ShadowRoot): Element | null => {
    const hit = root.querySelector(css);
    if (hit) return hit;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const inner = el.shadowRoot ?? (el.localName === 'iframe' ? safeDocument(el) : null);
      const found = inner ? visit(inner) : null;
      if (found) return found;
    }
    return null;
  };
  return visit(doc);
}

function safeDocument(iframe: Element): Document | null {
  try {
    return (iframe as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}
