/**
 * Fields whose values are never recorded whatever the policy allows:
 * passwords, one-time codes and payment card fields, known by type,
 * autocomplete hints, and (as a backstop for pages without hints) by names
 * such as "otp" or "cvc". Works on a live element's attributes or on rrweb's
 * serialized ones.
 */
const NEVER_AUTOCOMPLETE = /(?:^|\s)(?:one-time-code|current-password|new-password|cc-[a-z-]+)(?:\s|$)/i;
/** Short words count only on their own ("pin", not "shipping"); longer ones anywhere ("creditCardNumber"). */
const NEVER_NAME_WORD = /(?:^|[^a-zA-Z])(?:otp|totp|mfa|2fa|pin|cvv|cvc|csc|cvn|ccv)(?:[^a-zA-Z]|$)/i;
const NEVER_NAME_PART =
  /one.?time|passcode|password|passwd|card.?(?:number|num)|cc.?(?:num|number|exp|csc)|security.?code|verification.?code/i;

export interface FieldAttributes {
  type?: string | null;
  autocomplete?: string | null;
  name?: string | null;
  id?: string | null;
  /** rrweb marks an input that was a password before its type changed. */
  wasPassword?: boolean;
}

export function isNeverCaptured(field: FieldAttributes): boolean {
  if (field.wasPassword || field.type?.toLowerCase() === 'password') return true;
  if (field.autocomplete && NEVER_AUTOCOMPLETE.test(field.autocomplete)) return true;
  return [field.name, field.id].some((v) => !!v && (NEVER_NAME_WORD.test(v) || NEVER_NAME_PART.test(v)));
}

export function fieldAttributesOf(el: Element): FieldAttributes {
  return {
    type: el.getAttribute('type'),
    autocomplete: el.getAttribute('autocomplete'),
    name: el.getAttribute('name'),
    id: el.getAttribute('id'),
    wasPassword: el.hasAttribute('data-rr-is-password'),
  };
}
