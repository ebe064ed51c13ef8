import type { Selector } from '../../schema/action';
import { cssSelector } from './css-selector';
import { queryRootOf } from './query-count';
import { roleSelector } from './role-selector';
import { testIdSelector, type TestId } from './testid-selector';
import { xpathSelector } from './xpath-selector';
import { DEFAULT_HIDDEN, type HiddenRegions } from '../target/target-privacy';

/** Schema limit on a selector string; a longer one is dropped rather than cut (a cut selector is wrong). */
const MAX_SELECTOR_LENGTH = 2000;

/**
 * Selectors in priority order (testid, role, css, xpath), each with its match
 * count at capture time. Kinds that don't apply are omitted; a detached element
 * gets none (it cannot be found again). Evaluated in the element's own root, so
 * targets inside open shadow roots get root-relative css/role selectors.
 * `hidden` null: the element's text may not be used (blocked or masked), so the
 * css selector leaves out text attributes (aria-label) and `name` is ''.
 */
export function buildSelectors(
  el: Element,
  role: string | null,
  name: string,
  testId: TestId | null,
  hidden: HiddenRegions | null = DEFAULT_HIDDEN,
): Selector[] {
  const root = queryRootOf(el);
  if (!root) return [];
  const out: Array<Selector | null> = [
    testId ? testIdSelector(root, testId) : null,
    roleSelector(root, el, role, name, hidden ?? undefined),
    cssSelector(root, el, { textAttributes: hidden !== null }),
    el.ownerDocument ? xpathSelector(el.ownerDocument, el) : null,
  ];
  return out.filter((s): s is Selector => s !== null && s.value.length > 0 && s.value.length <= MAX_SELECTOR_LENGTH);
}
