const ORDERED_NODE_SNAPSHOT_TYPE = 7;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * How many nodes an XPath matches, via document.evaluate; an expression that
 * cannot be evaluated counts 0. Where document.evaluate is missing (happy-dom,
 * some test DOMs) the paths this module generates are evaluated by a small
 * interpreter of exactly that grammar; anything else counts 0.
 */
export function countXPath(doc: Document, xpath: string): number {
  if (typeof doc.evaluate !== 'function') return countOwnPath(doc, xpath);
  try {
    return doc.evaluate(xpath, doc, null, ORDERED_NODE_SNAPSHOT_TYPE, null).snapshotLength;
  } catch {
    return 0;
  }
}

const ANCHOR = /^(?:\/\/\*\[@id="([^"]*)"\]|\/html)/;
const STEP = /^\/(?:([a-z][a-z0-9-]*)|\*\[local-name\(\)="([^"]+)"\])\[(\d+)\]/;

/** Interprets `//*[@id="x"]` or `/html`, then `/tag[n]` and `/*[local-name()="t"][n]` steps. */
export function countOwnPath(doc: Document, xpath: string): number {
  const anchor = ANCHOR.exec(xpath);
  if (!anchor) return 0;
  const id = anchor[1];
  let nodes: Element[] =
    id !== undefined
      ? [...doc.querySelectorAll('[id]')].filter((e) => e.getAttribute('id') === id)
      : doc.documentElement?.localName === 'html'
        ? [doc.documentElement]
        : [];
  let rest = xpath.slice(anchor[0].length);
  while (rest) {
    const m = STEP.exec(rest);
    if (!m) return 0;
    const [, htmlName, anyName, index] = m;
    const next: Element[] = [];
    for (const node of nodes) {
      const same = [...node.children].filter((c) =>
        htmlName !== undefined ? c.localName === htmlName && c.namespaceURI === HTML_NS : c.localName === anyName,
      );
      const hit = same[Number(index) - 1];
      if (hit) next.push(hit);
    }
    nodes = next;
    rest = rest.slice(m[0].length);
  }
  return nodes.length;
}
