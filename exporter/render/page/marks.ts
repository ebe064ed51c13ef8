/**
 * Attributes the renderer sets on replayed elements for one step, so
 * Playwright's selector engines (run from Node) and the page's observer agree
 * on which element is which: the recorded target (found by its rrweb id), or
 * the element its first unique selector found. Cleared after the step; the
 * DOM files leave every data-webtrace-* attribute of the page out.
 */
export const TARGET_MARK = 'data-webtrace-target';
export const FOUND_MARK = 'data-webtrace-found';
