import type { Frame } from 'playwright';
import type { FrameStep, Selector } from '../../lib/schema/action';

/**
 * Recorded selectors resolved by Playwright's own selector engines (role with
 * its visibility and name rules, `>>` chains, CSS piercing open shadow roots,
 * XPath), so "verified" means what an agent driving Playwright would get.
 * Shared by the exporter's renderer and the e2e checks of replayed selectors
 * (e2e/support/replayed-selectors.ts).
 */
export type SelectorSpec = Pick<Selector, 'kind' | 'value'>;

/** The element to verify against carries `attribute="value"` (the caller marks it in the replayed DOM). */
export interface TargetMark {
  attribute: string;
  value: string;
}

export interface ResolvedSelector {
  matchCount: number;
  /** It matches exactly one element, and that element carries the mark. */
  verified: boolean;
  /** The mark attribute's value on the one element it matches (null: not exactly one, or unmarked). */
  onlyMatchMark: string | null;
}

/** Playwright syntax of a recorded selector: XPath needs its engine named when it does not start with `//`. */
export function playwrightSelector(s: SelectorSpec): string {
  return s.kind === 'xpath' && !s.value.startsWith('xpath=') ? `xpath=${s.value}` : s.value;
}

/** The frame an action's selectors resolve in, from `top` down its iframe path; null when one of them is not there. */
export async function frameAlong(top: Frame, path: readonly Pick<FrameStep, 'selector'>[]): Promise<Frame | null> {
  let frame = top;
  for (const step of path) {
    const handle = await frame.$(step.selector).catch(() => null);
    const inner = (await handle?.contentFrame()) ?? null;
    await handle?.dispose();
    if (!inner) return null;
    frame = inner;
  }
  return frame;
}

/** Each selector's matches in `frame` now (no waiting); a selector Playwright cannot parse matches nothing. */
export async function resolveSelectors(
  frame: Frame,
  selectors: readonly SelectorSpec[],
  mark: TargetMark | null,
): Promise<ResolvedSelector[]> {
  const out: ResolvedSelector[] = [];
  for (const s of selectors) {
    const marks = await frame
      .locator(playwrightSelector(s))
      .evaluateAll((els, attribute) => els.map((e) => (attribute ? e.getAttribute(attribute) : null)), mark?.attribute ?? '')
      .catch(() => [] as Array<string | null>);
    const onlyMatchMark = marks.length === 1 ? marks[0]! : null;
    out.push({ matchCount: marks.length, verified: mark !== null && onlyMatchMark === mark.value, onlyMatchMark });
  }
  return out;
}

/** Marks the one element `selector` matches with `attribute` (found by a selector, not by its node id); false when it is not exactly one. */
export async function markOnlyMatch(frame: Frame, selector: SelectorSpec, attribute: string): Promise<boolean> {
  return frame
    .locator(playwrightSelector(selector))
    .evaluateAll((els, a) => {
      if (els.length !== 1) return false;
      els[0]!.setAttribute(a, '1');
      return true;
    }, attribute)
    .catch(() => false);
}
