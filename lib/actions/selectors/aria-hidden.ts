/**
 * Playwright's role engine skips elements hidden from the accessibility tree:
 * under aria-hidden="true", display:none, visibility:hidden. Asked only of
 * elements that already match a selector's role and name, so it stays cheap.
 */
export function isHiddenForAria(el: Element): boolean {
  if (el.closest('[aria-hidden="true"], [hidden], [inert]')) return true;
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (typeof check !== 'function') return false;
  try {
    return !check.call(el, { visibilityProperty: true });
  } catch {
    return false;
  }
}
