import type { RecorderSettings } from '../schema/recorder-port';

/** What the recorder on one page is told about privacy: the settings the worker sends with its session. */
export type PrivacyPolicy = RecorderSettings;

/** Blocked whatever the policy says: apps mark regions with this attribute. */
export const ALWAYS_BLOCKED = '[data-webtrace-block]';
/** Masked whatever the policy says: marked regions, and editable regions (their text is typed text). */
export const ALWAYS_MASKED = '[data-webtrace-mask], [contenteditable]:not([contenteditable="false"])';

export function blockSelectorOf(policy: PrivacyPolicy): string {
  return joinSelectors(ALWAYS_BLOCKED, policy.blockSelector);
}

export function maskSelectorOf(policy: PrivacyPolicy): string {
  return joinSelectors(ALWAYS_MASKED, policy.maskTextSelector);
}

/** The always-on selector, plus the admin's when there is one. */
export function joinSelectors(always: string, extra: string | null | undefined): string {
  return extra && extra.trim() ? `${always}, ${extra}` : always;
}

/** A selector the page cannot evaluate (an admin typo) must not break recording: it then matches nothing. */
export function safeMatches(el: Element, selector: string | null | undefined): boolean {
  if (!selector) return false;
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
