import { fieldAttributesOf, isNeverCaptured } from './never-captured';
import { safeMatches, type PrivacyPolicy } from './policy';

/**
 * Whether a live field's typed value may be recorded: only where the policy
 * names the field for this site, never for password / one-time-code / payment
 * fields, and never once something was pasted into it.
 */
export type ValueAllowance = (el: Element) => boolean;

export function valueAllowance(policy: PrivacyPolicy, pasted: WeakSet<Element>): ValueAllowance {
  const selector = policy.valueCaptureSelector;
  if (!selector) return () => false;
  return (el) => {
    // An option's value is its select's: allowed with the select, so an allowed choice replays.
    const field = el.localName === 'option' ? (el.closest('select') ?? el) : el;
    return safeMatches(field, selector) && !isNeverCaptured(fieldAttributesOf(field)) && !pasted.has(field);
  };
}
