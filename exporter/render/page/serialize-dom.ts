import { childFrame, rectOf, round1, TOP, type Frame } from './walk';

/**
 * The replayed DOM as HTML, with each element's rrweb id (`data-webtrace-id`)
 * and its box in top-viewport CSS px (`data-webtrace-rect="x,y,w,h"`). It is
 * for models that read pages: style sheet text, scripts, rrweb's own
 * attributes and data: URL payloads are left out (the screenshot shows how it
 * rendered). Shadow roots become declarative `<template shadowrootmode="open">`,
 * a frame's document a `<template data-webtrace-frame>` right after its
 * <iframe>. The numbers are written so no PII detector can read them as one.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const OPAQUE = new Set(['script', 'style', 'noscript', 'template']);
const DATA_URL = /data:([\w.+/-]*)[^,"'\s)]*,[^"'\s)]*/gi;
export const MAX_DOM_CHARS = 4_000_000;

export function serializeDom(doc: Document, idOf: (n: Node) => number): string {
  const out: string[] = [];
  let size = 0;
  const push = (s: string) => {
    out.push(s);
    size += s.length;
  };
  const walk = (node: Node, frame: Frame, inBody: boolean): void => {
    if (size > MAX_DOM_CHARS) return;
    if (node.nodeType === 3) {
      push(escapeText(node.nodeValue ?? ''));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.localName;
    const id = idOf(el);
    // Elements the replayer added itself (its style rules) were never on the recorded page.
    if (id <= 0 && tag !== 'html') return;
    const body = inBody || tag === 'body';
    let open = `<${tag}`;
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('rr_') || attr.name.startsWith('data-rrweb') || attr.name.startsWith('data-webtrace-')) continue;
      const value = attr.name === 'class' ? replayClasses(attr.value) : attr.value.replace(DATA_URL, 'data:$1,[omitted]');
      if (attr.name === 'class' && !value) continue;
      open += ` ${attr.name}="${escapeAttr(value)}"`;
    }
    if (id > 0) open += ` data-webtrace-id="${id}"`;
    if (body) {
      const r = rectOf(el, frame);
      open += ` data-webtrace-rect="${round1(r.x)},${round1(r.y)},${round1(r.width)},${round1(r.height)}"`;
    }
    push(`${open}>`);
    if (VOID.has(tag)) return;
    if (!OPAQUE.has(tag)) {
      const shadow = el.shadowRoot;
      if (shadow) {
        push('<template shadowrootmode="open">');
        for (let c = shadow.firstChild; c; c = c.nextSibling) walk(c, frame, body);
        push('</template>');
      }
      for (let c = el.firstChild; c; c = c.nextSibling) walk(c, frame, body);
    }
    push(`</${tag}>`);
    if (tag === 'iframe') {
      const child = childFrame(el, frame);
      if (child) {
        push('<template data-webtrace-frame>');
        walk(child.doc.documentElement, child.frame, false);
        push('</template>');
      }
    }
  };
  if (doc.documentElement) walk(doc.documentElement, TOP, false);
  return out.join('');
}

/** The replayer marks hovered elements `:hover` and the paused page `rrweb-paused`: not the page's own classes. */
function replayClasses(value: string): string {
  return value
    .split(/\s+/)
    .filter((c) => c && c !== ':hover' && c !== 'rrweb-paused')
    .join(' ');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
