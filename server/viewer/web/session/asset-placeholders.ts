import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';

/**
 * A recorded page points at images, styles and fonts on other hosts (often
 * internal ones). Replayed as recorded, the researcher's browser would fetch
 * them, telling those hosts it was there. Before events reach the replayer,
 * every such reference is replaced: images by a grey placeholder, anything
 * else by an empty `data:` URL. Only the viewer's own origin, `data:` and
 * `blob:` stay (the viewer's CSP allows no more: server/viewer/viewer-page.ts).
 * Trees are walked with an explicit stack. Pure; never modifies its input.
 */
export const IMAGE_PLACEHOLDER =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' height='8'%3E%3Crect width='8' height='8' fill='%23d8d8d8'/%3E%3C/svg%3E";
export const EMPTY_PLACEHOLDER = 'data:,';

/** Attributes that make the browser fetch something (links `<a href>` are not: nothing loads until clicked, and the replay takes no clicks). */
const FETCHING = new Set(['src', 'srcset', 'poster', 'background', 'data', 'xlink:href']);
/** Elements whose `href` is fetched. */
const HREF_FETCHES = new Set(['link', 'image', 'use', 'feimage']);
const IMAGE_TAGS = new Set(['img', 'image', 'input', 'video', 'picture', 'source', 'feimage']);

type Node = {
  type?: unknown;
  tagName?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: unknown[];
  textContent?: unknown;
  isStyle?: unknown;
  [k: string]: unknown;
};

export function withAssetPlaceholders(event: RrwebEvent, ownOrigin: string): RrwebEvent {
  const outside = (url: string) => isOutside(url, ownOrigin);
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  if (event.type === 2 && data.node) return { ...event, data: { ...data, node: cleanTree(data.node as Node, outside) } };
  if (event.type !== 3) return event;
  switch (data.source) {
    case 0: {
      const adds = Array.isArray(data.adds)
        ? data.adds.map((a: { node?: Node }) => (a?.node ? { ...a, node: cleanTree(a.node, outside) } : a))
        : data.adds;
      const attributes = Array.isArray(data.attributes)
        ? data.attributes.map((a: { attributes?: Record<string, unknown> }) =>
            a?.attributes ? { ...a, attributes: cleanAttributes('', a.attributes, outside) } : a,
          )
        : data.attributes;
      return { ...event, data: { ...data, adds, attributes } };
    }
    case 8:
    case 13:
    case 15:
      return { ...event, data: cleanCssStrings(data, outside) as Record<string, unknown> };
    default:
      return event;
  }
}

/** Not the viewer's origin, data: or blob: (a relative URL resolves to the viewer's origin). */
export function isOutside(url: string, ownOrigin: string): boolean {
  const trimmed = url.trim();
  if (/^(data|blob):/i.test(trimmed)) return false;
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(trimmed)) return false;
  try {
    return new URL(trimmed, ownOrigin).origin !== ownOrigin;
  } catch {
    return true;
  }
}

function cleanTree(root: Node, outside: (url: string) => boolean): Node {
  const copy: Node = { ...root };
  const stack: Array<{ node: Node; parentTag: string }> = [{ node: copy, parentTag: '' }];
  while (stack.length > 0) {
    const { node, parentTag } = stack.pop()!;
    const tag = typeof node.tagName === 'string' ? node.tagName.toLowerCase() : '';
    if (node.attributes && typeof node.attributes === 'object') node.attributes = cleanAttributes(tag, node.attributes, outside);
    if (typeof node.textContent === 'string' && (node.isStyle || parentTag === 'style'))
      node.textContent = cleanCss(node.textContent, outside);
    if (!Array.isArray(node.childNodes)) continue;
    node.childNodes = node.childNodes.map((kid) => (kid && typeof kid === 'object' ? { ...(kid as Node) } : kid));
    for (const kid of node.childNodes) if (kid && typeof kid === 'object') stack.push({ node: kid as Node, parentTag: tag });
  }
  return copy;
}

function cleanAttributes(tag: string, attributes: Record<string, unknown>, outside: (url: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attributes };
  const placeholder = IMAGE_TAGS.has(tag) ? IMAGE_PLACEHOLDER : EMPTY_PLACEHOLDER;
  for (const [name, value] of Object.entries(attributes)) {
    const lower = name.toLowerCase();
    if (typeof value === 'string') {
      if (lower === 'srcset' || lower === 'imagesrcset')
        out[name] = value.split(',').some((part) => outside(part.trim().split(/\s+/)[0] ?? '')) ? placeholder : value;
      else if (FETCHING.has(lower) || (lower === 'href' && (HREF_FETCHES.has(tag) || tag === '')))
        out[name] = outside(value) ? placeholder : value;
      else if (lower === 'style' || lower === '_csstext') out[name] = cleanCss(value, outside);
    } else if (value && typeof value === 'object' && lower === 'style') {
      // A mutation's style diff: { property: value | [value, priority] | false }.
      out[name] = cleanCssStrings(value, outside);
    }
  }
  return out;
}

/** Every url(...) and @import in CSS text that points outside becomes an empty data: URL. */
export function cleanCss(css: string, outside: (url: string) => boolean): string {
  return css
    .replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, (match, _q: string, url: string) =>
      outside(url) ? `url("${EMPTY_PLACEHOLDER}")` : match,
    )
    .replace(/@import\s+(['"])([^'"]*)\1/gi, (match, _q: string, url: string) => (outside(url) ? `@import "${EMPTY_PLACEHOLDER}"` : match));
}

/** Every string of a style event's data, as CSS. */
function cleanCssStrings(value: unknown, outside: (url: string) => boolean): unknown {
  const root = { v: value };
  const stack: Array<Record<string, unknown> | unknown[]> = [root];
  const copies = new Map<object, Record<string, unknown> | unknown[]>();
  const copyOf = (v: object) => {
    let c = copies.get(v);
    if (!c) {
      c = Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) };
      copies.set(v, c);
    }
    return c;
  };
  while (stack.length > 0) {
    const holder = stack.pop()!;
    for (const key of Object.keys(holder)) {
      const v = (holder as Record<string, unknown>)[key];
      if (typeof v === 'string') (holder as Record<string, unknown>)[key] = cleanCss(v, outside);
      else if (v && typeof v === 'object') {
        const c = copyOf(v);
        (holder as Record<string, unknown>)[key] = c;
        stack.push(c);
      }
    }
  }
  return root.v;
}
