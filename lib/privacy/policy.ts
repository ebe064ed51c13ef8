/**
 * What the recorder on one page is told about privacy. The three first keys
 * are the RecorderSettings the worker sends today; the optional ones come
 * from lib/schema/config.ts `privacy` once the worker passes them on.
 */
export interface PrivacyPolicy {
  maskAllText: boolean;
  blockSelector: string | null;
  maskTextSelector: string | null;
  /** Fields on this page whose typed values may be recorded (never the always-never fields, never pasted text). */
  valueCaptureSelector?: string | null;
  /** With maskAllText: keep the roles and accessible names of interactive controls in actions. */
  keepControlNames?: boolean;
}

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
