import type { Span } from '../span';
import type { NumberRun } from './number-runs';

/** Words that make a bare 9-digit number (or one spaced 3 2 4) an SSN. */
const SSN_CONTEXT = /\b(?:ssn|social security|soc\.? sec\.?|tax ?id|itin)\b[^\n]{0,24}$/i;

/**
 * US Social Security numbers: 3-2-4 with dashes, or 9 digits (plain or spaced)
 * after a word such as "SSN". Numbers the SSA never issues (area 000, 666,
 * 9xx; group 00; serial 0000) are not SSNs.
 */
export function isSsn(run: NumberRun, text: string): boolean {
  if (run.plus || run.paren || run.digits.length !== 9) return false;
  const { digits } = run;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900 || digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  const grouped = run.groups.join('-') === '3-2-4';
  if (grouped && run.separators.every((s) => s === '-')) return true;
  const plainOrSpaced = run.groups.length === 1 || (grouped && run.separators.every((s) => s === ' '));
  return plainOrSpaced && SSN_CONTEXT.test(text.slice(Math.max(0, run.start - 40), run.start));
}

export function ssnSpans(runs: NumberRun[], text: string): Span[] {
  return runs.filter((r) => isSsn(r, text)).map((r) => ({ start: r.start, end: r.end, kind: 'ssn' as const }));
}
