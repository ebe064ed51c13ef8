import type { Span } from '../span';
import type { NumberRun } from './number-runs';

/** Words that make any 7-15 digit number a phone number. */
const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|cell|fax|call|sms|whatsapp|t[\u00e9e]l[\u00e9e]phone|telefon|handy)\b\.?:?[^\n\w]{0,6}$/i;

/**
 * Phone numbers, judged by shape so that dates, versions, prices, times and
 * order numbers are left alone:
 * - international: "+" and 8-15 digits;
 * - North American: 3-3-4 (optionally with a leading 1, or "(555) 123-4567");
 * - national with a trunk 0 in groups: "020 7946 0958", "06 12 34 56 78";
 * - any 7-15 digits right after a word such as "Phone:" or "tel".
 * A bare digit string with no "+", grouping or such word is not taken for a phone.
 */
export function isPhone(run: NumberRun, text: string): boolean {
  const n = run.digits.length;
  if (n < 7 || n > 15) return false;
  if (run.plus) return n >= 8;
  const groups = run.groups.join('-');
  const sameSeparators = new Set(run.separators.filter((s) => !s.startsWith(')'))).size <= 1;
  if (run.paren) return groups === '3-3-4' && sameSeparators;
  if ((groups === '3-3-4' || groups === '1-3-3-4') && sameSeparators) return true;
  if (run.digits[0] === '0' && n >= 9 && n <= 12 && run.groups.length >= 2 && run.groups.every((g) => g >= 2 && g <= 5)) {
    return sameSeparators && run.separators.every((s) => s === ' ' || s === '-');
  }
  return PHONE_CONTEXT.test(text.slice(Math.max(0, run.start - 24), run.start));
}

export function phoneSpans(runs: NumberRun[], text: string): Span[] {
  return runs.filter((r) => isPhone(r, text)).map((r) => ({ start: r.start, end: r.end, kind: 'phone' as const }));
}
