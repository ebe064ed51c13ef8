export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** Parent element, stepping out of an open shadow root to its host. */
export function parentOrHost(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode as (ParentNode & { host?: Element }) | null;
  return parent && isElement(parent.host) ? parent.host : null;
}

/** The first element of the event's path: what the event really hit, even inside an open shadow root. */
export function eventOrigin(event: Event): Element | null {
  for (const node of event.composedPath()) if (isElement(node)) return node;
  // Outside dispatch the path is empty; a text-node target stands for its parent.
  const target = event.target as Node | null;
  if (isElement(target)) return target;
  return target?.parentElement ?? null;
}
