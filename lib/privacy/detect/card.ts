import type { Span } from '../span';
import { luhnValid } from './luhn';
import type { NumberRun } from './number-runs';

/**
 * Payment card numbers: 13-19 digits, written plain or in groups of 4 (Amex
 * 4-6-5, Diners 4-6-4) with one kind of separator, a plausible issuer prefix,
 * and a valid Luhn checksum. The prefix test turns away most Luhn-valid
 * non-cards: millisecond timestamps and many order numbers start with 1, 7, 8, 9 or 0.
 */
export function isCardNumber(run: NumberRun): boolean {
  const { digits, groups, separators } = run;
  if (run.plus || run.paren || digits.length < 13 || digits.length > 19) return false;
  if (new Set(separators).size > 1 || separators.some((s) => s !== ' ' && s !== '-')) return false;
  if (groups.length > 1 && !cardGrouping(groups)) return false;
  return plausibleIssuer(digits) && luhnValid(digits);
}

export function cardSpans(runs: NumberRun[]): Span[] {
  return runs.filter(isCardNumber).map((r) => ({ start: r.start, end: r.end, kind: 'card' as const }));
}

function cardGrouping(groups: number[]): boolean {
  const key = groups.join('-');
  if (key === '4-6-5' || key === '4-6-4') return true;
  // 4-4-4-4, 4-4-4-4-3, 4-4-4-1… : fours, then a shorter last group.
  return groups.slice(0, -1).every((g) => g === 4) && groups[groups.length - 1]! <= 4;
}

function plausibleIssuer(digits: string): boolean {
  const first = digits[0];
  if (first === '3' || first === '4' || first === '5' || first === '6') return true;
  if (first === '2') {
    const four = Number(digits.slice(0, 4));
    return four >= 2221 && four <= 2720; // Mastercard's 2-series
  }
  return false;
}
