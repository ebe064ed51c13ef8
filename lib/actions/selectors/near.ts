/** How far up the neighbourhood of a target reaches (its row, list or form, usually). */
const NEAR_LEVELS = 4;
/** Elements looked at in the neighbourhood, at most: the check must stay cheap whatever the page. */
export const NEAR_BUDGET = 400;

/**
 * The subtree a few levels above `el` (within its root, below <body>, never
 * above `within`): where a second match usually is when there is one (the
 * next row's "Actions" button).
 */
export function neighbourhood(el: Element, within?: Element | null): Element | null {
  let a: Element = el;
  for (let level = 0; level < NEAR_LEVELS && a !== within; level++) {
    const parent: Element | null = a.parentElement;
    if (!parent || parent.localName === 'body' || parent.localName === 'html') break;
    a = parent;
  }
  return a === el ? null : a;
}

/**
 * Whether `selector` matches at least two accepted elements near `el`: a
 * cheap proof that a selector is not unique, without querying the page. At
 * most NEAR_BUDGET elements are looked at, in document order.
 */
export function ambiguousNear(
  el: Element,
  selector: string,
  accept: (candidate: Element) => boolean = () => true,
  within?: Element | null,
): boolean {
  const scope = neighbourhood(el, within);
  if (!scope) return false;
  let found = 0;
  let seen = 0;
  try {
    for (let node: Element | null = scope.firstElementChild; node && seen < NEAR_BUDGET; node = nextInside(node, scope), seen++) {
      if (node.matches(selector) && accept(node) && ++found >= 2) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/** The next element after `node` in document order, staying inside `scope`. */
function nextInside(node: Element, scope: Element): Element | null {
  if (node.firstElementChild) return node.firstElementChild;
  for (let n: Element | null = node; n && n !== scope; n = n.parentElement) {
    if (n.nextElementSibling) return n.nextElementSibling;
  }
  return null;
}
