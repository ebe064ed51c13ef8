import { findEmails } from './detect/email';
import { cardSpans } from './detect/card';
import { findIbans } from './detect/iban';
import { findIps } from './detect/ip';
import { findNumberRuns } from './detect/number-runs';
import { phoneSpans } from './detect/phone';
import { findSecrets } from './detect/secret';
import { ssnSpans } from './detect/ssn';
import { replaceSpans, type Span } from './span';

/** Shorter text cannot hold any of the values looked for. */
const MIN_LENGTH = 6;

/** Every PII span in the text (unsorted, may overlap). */
export function findPii(text: string): Span[] {
  if (text.length < MIN_LENGTH) return [];
  // Each detector runs only when the text has what its values must contain: most text has none.
  const found: Span[][] = [findSecrets(text)];
  if (text.includes('@')) found.push(findEmails(text));
  const digit = /\d/.test(text);
  if (digit) {
    const runs = findNumberRuns(text);
    if (runs.length) found.push(cardSpans(runs), ssnSpans(runs, text), phoneSpans(runs, text));
    if (IBAN_START.test(text)) found.push(findIbans(text));
  }
  if ((digit && text.includes('.')) || text.includes(':')) found.push(findIps(text));
  // concat, not push(...spans): a huge text can have more findings than a call takes arguments.
  return found.length === 1 ? found[0]! : ([] as Span[]).concat(...found);
}

/** Two letters then two digits: where an IBAN starts. */
const IBAN_START = /[A-Za-z]{2}\d\d/;

/**
 * Replaces emails, phone numbers, card numbers, SSNs, IBANs, IP addresses and
 * secrets in shown text by type tags such as `[email:l]`. Linear in the text.
 */
export function scrubText(text: string): string {
  return replaceSpans(text, findPii(text));
}
