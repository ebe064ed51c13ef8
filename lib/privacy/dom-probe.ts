import { liveChoiceToken } from './choice-token';
import { safeMatches, type PrivacyPolicy } from './policy';
import type { NodeProbe } from './scrub-context';
import type { ValueAllowance } from './value-allowance';

/** The part of rrweb's mirror the probe needs. */
export interface MirrorLike {
  getNode(id: number): Node | null;
}

/**
 * Answers the event scrubber's questions from the live page, by rrweb id:
 * does the element match the admin's selectors, may its value be recorded.
 * Ancestors are the scrubber's business (it knows the recorded tree, across
 * shadow roots and iframes); here only the element itself is tested.
 */
export function createDomProbe(mirror: MirrorLike, policy: PrivacyPolicy, allowValue: ValueAllowance): NodeProbe {
  const element = (id: number): Element | null => {
    const node = mirror.getNode(id);
    return node && node.nodeType === 1 ? (node as Element) : null;
  };
  const matches = (selector: string | null) => (id: number) => {
    if (!selector) return false;
    const el = element(id);
    return el !== null && safeMatches(el, selector);
  };
  return {
    blocked: matches(policy.blockSelector),
    masked: matches(policy.maskTextSelector),
    valueAllowed: (id) => {
      const el = element(id);
      return el !== null && allowValue(el);
    },
    exists: (id) => mirror.getNode(id) !== null,
    choiceToken: (id) => {
      const el = element(id);
      return el === null ? null : liveChoiceToken(el);
    },
  };
}
