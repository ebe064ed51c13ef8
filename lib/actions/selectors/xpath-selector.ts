import type { Selector } from '../../schema/action';
import { stableUniqueId } from './stable-id';
import { indexOfType } from './tree';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** One step: `div[2]`, or `*[local-name()="svg"][1]` for SVG/MathML, which plain names would miss. */
function step(el: Element): string {
  const name = el.namespaceURI === HTML_NS ? el.localName : `*[local-name()="${el.localName}"]`;
  return `${name}[${indexOfType(el)}]`;
}

/**
 * XPath from the nearest element with a stable unique id (`//*[@id="main"]/div[2]/button[1]`),
 * else absolute from /html. Only for elements in the document itself: XPath
 * cannot address nodes inside shadow roots, so those get none (null). Every
 * step is indexed and the anchor is unique, so the path matches exactly one
 * element by construction: it is never evaluated (document.evaluate of such
 * paths costs ~100 ms on a 130k-node page).
 */
export function xpathSelector(doc: Document, el: Element): Selector | null {
  if (el.getRootNode() !== doc) return null;
  const steps: string[] = [];
  for (let a: Element | null = el; a; a = a.parentElement) {
    const id = stableUniqueId(doc, a);
    if (id !== null) {
      const value = `//*[@id="${id}"]${steps.length ? '/' : ''}${steps.reverse().join('/')}`;
      return { kind: 'xpath', value, matches: 1 };
    }
    if (a === doc.documentElement) {
      steps.push(a.localName);
      break;
    }
    steps.push(step(a));
  }
  const value = `/${steps.reverse().join('/')}`;
  return { kind: 'xpath', value, matches: 1 };
}
