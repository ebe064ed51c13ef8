import { codeAt, isAlnum, isLetter } from '../chars';
import type { Span } from '../span';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

const isLocalChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45; // . _ % + -
const isDomainChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 45; // . -

/**
 * Email addresses, found from each `@` outwards with bounded reach, so the
 * work is linear in the text whatever it contains (a regex scanning for the
 * local part first backtracks quadratically on long runs of word characters).
 */
export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(codeAt(text, start - 1))) start--;
    while (start < at && codeAt(text, start) === 46) start++; // a local part cannot start with "."
    if (start === at) continue;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(codeAt(text, end))) end++;
    while (end > at + 1 && (codeAt(text, end - 1) === 46 || codeAt(text, end - 1) === 45)) end--; // "a@b.com." ends a sentence
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    if (dot <= 0) continue;
    const tld = domain.slice(dot + 1);
    if (tld.length < 2 || tld.length > 24 || ![...tld].every((ch) => isLetter(ch.charCodeAt(0)))) continue;
    spans.push({ start, end, kind: 'email' });
    from = end;
  }
  return spans;
}
