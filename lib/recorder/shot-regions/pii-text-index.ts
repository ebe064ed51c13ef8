import { findPii } from '../../privacy/scrub-text';
import type { Span } from '../../privacy/span';

/**
 * The page's text nodes holding values the PII detectors flag (lib/privacy),
 * kept up to date from mutation records so a region report never walks the
 * whole document: one walk at start, then only what changed. Shadow roots
 * met on the way are listed too (querySelectorAll does not enter them, so
 * their hosts are blacked out whole).
 */
export interface PiiTextIndex {
  /** Rescans the nodes mutation records named since the last call. */
  update(records: readonly MutationRecord[]): void;
  /** The flagged text nodes with their spans, still in the document. */
  flagged(): Iterable<[Text, Span[]]>;
  shadowHosts(): Iterable<Element>;
}

export function createPiiTextIndex(root: Node): PiiTextIndex {
  const found = new Map<Text, Span[]>();
  const hosts = new Set<Element>();

  const scanText = (text: Text) => {
    const spans = findPii(text.data);
    if (spans.length) found.set(text, spans);
    else found.delete(text);
  };
  const scanTree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return scanText(node as Text);
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return;
    const doc = node.ownerDocument ?? (node as Document);
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) scanText(n as Text);
      else if ((n as Element).shadowRoot) hosts.add(n as Element);
    }
  };
  scanTree(root);

  return {
    update(records) {
      for (const record of records) {
        if (record.type === 'characterData') scanText(record.target as Text);
        else if (record.type === 'childList') record.addedNodes.forEach(scanTree);
      }
    },
    *flagged() {
      for (const [text, spans] of found) {
        if (text.isConnected) yield [text, spans];
        else found.delete(text);
      }
    },
    *shadowHosts() {
      for (const host of hosts) {
        if (host.isConnected) yield host;
        else hosts.delete(host);
      }
    },
  };
}
