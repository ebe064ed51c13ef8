import { maskText } from '../../privacy/mask-text';
import { ALWAYS_BLOCKED, blockSelectorOf, joinSelectors, safeMatches, type PrivacyPolicy } from '../../privacy/policy';
import { parentOrHost } from '../dom';
import { INTERACTIVE_SELECTOR } from './resolve-target';

/**
 * How much of an element's text an action may carry:
 * - blocked (in a blocked region): the role only, no name, label, placeholder,
 *   test id, nor any selector built from text;
 * - masked (in a masked region, inside an editable region, or everything under
 *   maskAllText unless the policy keeps interactive controls' names): text masked;
 * - open: text kept (PII is scrubbed later, in the event scrubber).
 */
export type Exposure = 'open' | 'masked' | 'blocked';

/** Selectors of the regions whose text must not reach a name computed from an enclosing element. */
export interface HiddenRegions {
  block: string;
  mask: string;
}

export interface TargetPrivacy {
  exposure(el: Element): Exposure;
  hidden: HiddenRegions;
  /** The text as the exposure allows it: '' when blocked, masked when masked. */
  expose(text: string, exposure: Exposure): string;
}

const ALWAYS_MASKED_FOR_ACTIONS = '[data-webtrace-mask]';
/** The always-on regions, for callers without a policy. */
export const DEFAULT_HIDDEN: HiddenRegions = { block: ALWAYS_BLOCKED, mask: ALWAYS_MASKED_FOR_ACTIONS };

export function createTargetPrivacy(policy?: PrivacyPolicy): TargetPrivacy {
  const block = policy ? blockSelectorOf(policy) : ALWAYS_BLOCKED;
  const mask = joinSelectors(ALWAYS_MASKED_FOR_ACTIONS, policy?.maskTextSelector);
  const maskAll = policy?.maskAllText === true;
  const keepControls = policy?.keepControlNames === true;
  return {
    hidden: { block, mask },
    exposure(el) {
      if (closestAcrossShadow(el, block)) return 'blocked';
      if (closestAcrossShadow(el, mask) || insideEditable(el)) return 'masked';
      if (maskAll && !(keepControls && safeMatches(el, INTERACTIVE_SELECTOR))) return 'masked';
      return 'open';
    },
    expose: (text, exposure) => (exposure === 'blocked' ? '' : exposure === 'masked' ? maskText(text) : text),
  };
}

/** Element.closest that continues from a shadow root to its host. */
export function closestAcrossShadow(el: Element, selector: string): Element | null {
  for (let e: Element | null = el; e;) {
    let found: Element | null;
    try {
      found = e.closest(selector);
    } catch {
      return null; // an admin selector the page cannot evaluate matches nothing
    }
    if (found) return found;
    const root = e.getRootNode() as Node & { host?: Element };
    e = root && root.host ? root.host : null;
  }
  return null;
}

/** Text inside an editable region was typed there (the editing host itself is named by its labels only). */
function insideEditable(el: Element): boolean {
  const parent = parentOrHost(el) as HTMLElement | null;
  return parent?.isContentEditable === true;
}
