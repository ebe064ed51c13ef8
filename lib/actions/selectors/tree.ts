/** 1-based position among element siblings with the same local name (:nth-of-type / XPath index). */
export function indexOfType(el: Element): number {
  let index = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) {
    if (s.localName === el.localName) index++;
  }
  return index;
}

/** Whether a sibling with the same local name exists (so an index is needed). */
export function hasSameTypeSibling(el: Element): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  for (let s = parent.firstElementChild; s; s = s.nextElementSibling) {
    if (s !== el && s.localName === el.localName) return true;
  }
  return false;
}
