import { codeAt, isAlnum, isDigit, isLetter, isWordChar } from '../chars';
import type { Span } from '../span';
import { IBAN_LENGTHS } from './iban-lengths';

/**
 * IBANs, plain or in groups of four: a known country code, two check digits,
 * exactly that country's length, and the ISO 7064 mod-97 check. Each
 * candidate reads at most one IBAN's worth of characters, so scanning is linear.
 */
export function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i + 4 <= text.length; i++) {
    if (!isLetter(text.charCodeAt(i)) || !isLetter(codeAt(text, i + 1)) || isWordChar(codeAt(text, i - 1))) continue;
    if (!isDigit(codeAt(text, i + 2)) || !isDigit(codeAt(text, i + 3))) continue;
    const country = text.slice(i, i + 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (!length || !isDigit(codeAt(text, i + 2)) || !isDigit(codeAt(text, i + 3))) continue;
    const read = readCompact(text, i, length);
    if (!read || !mod97IsOne(read.compact)) continue;
    spans.push({ start: i, end: read.end, kind: 'iban' });
    i = read.end - 1;
  }
  return spans;
}

/** `length` alphanumerics from `start`, allowing single spaces between them; null if the IBAN does not end there. */
function readCompact(text: string, start: number, length: number): { compact: string; end: number } | null {
  let compact = '';
  let i = start;
  while (compact.length < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      compact += text[i]!.toUpperCase();
      i++;
    } else if (c === 32 && compact.length > 0 && isAlnum(codeAt(text, i + 1))) {
      i++;
    } else {
      return null;
    }
  }
  if (compact.length !== length || isWordChar(codeAt(text, i))) return null;
  return { compact, end: i };
}

function mod97IsOne(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const c = ch.charCodeAt(0);
    const value = isDigit(c) ? c - 48 : c - 55; // A=10 … Z=35
    rest = value > 9 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest === 1;
}
