import { fieldAttributesOf, isNeverCaptured } from '../../privacy/never-captured';
import { blockSelectorOf, maskSelectorOf, safeMatches, type PrivacyPolicy } from '../../privacy/policy';

/**
 * Whether focus is in a field no shot may be taken around: a password or
 * other never-captured field, or one inside a masked or blocked region (a
 * caret, an autofill popup or a revealed password could show outside its box).
 */
export function focusIsSensitive(doc: Document, policy: PrivacyPolicy): boolean {
  let el: Element | null = doc.activeElement;
  // Into open shadow roots: the focused element itself, not its host.
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === doc.body || el === doc.documentElement) return false;
  if (isNeverCaptured(fieldAttributesOf(el))) return true;
  const masked = maskSelectorOf(policy);
  const blocked = blockSelectorOf(policy);
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (safeMatches(n, blocked) || n.classList.contains('rr-block')) return true;
    if (n !== el && (safeMatches(n, masked) || n.classList.contains('rr-mask'))) return true;
  }
  return false;
}
