import { codeAt, isDigit, isWordChar } from '../chars';
import type { Span } from '../span';

const IPV4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/y;
const VERSION_BEFORE = /(?:\bv|version\s?|ver\.?\s?)$/i;

/**
 * IPv4 dotted quads (each part ≤ 255) that are not part of a longer dotted
 * number and not written as a version ("v1.2.3.4"), and IPv6 addresses.
 */
export function findIps(text: string): Span[] {
  return [...findIpv4(text), ...findIpv6(text)];
}

function findIpv4(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('.')) return spans;
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    const prev = codeAt(text, i - 1);
    if (isWordChar(prev) || (prev === 46 && isDigit(codeAt(text, i - 2)))) continue;
    IPV4.lastIndex = i;
    const m = IPV4.exec(text);
    if (!m) continue;
    const end = i + m[0].length;
    const next = codeAt(text, end);
    const longer = isWordChar(next) || (next === 46 && isDigit(codeAt(text, end + 1)));
    const valid = m.slice(1).every((part) => Number(part) <= 255);
    const version = VERSION_BEFORE.test(text.slice(Math.max(0, i - 8), i));
    if (valid && !longer && !version) spans.push({ start: i, end, kind: 'ip' });
    i = end - 1;
  }
  return spans;
}

const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Runs of hex digits and colons that parse as IPv6 (8 groups, or fewer with one "::"). */
function findIpv6(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes(':')) return spans;
  let from = 0;
  for (let colon = text.indexOf(':', from); colon !== -1; colon = text.indexOf(':', from)) {
    let start = colon;
    while (start > 0 && colon - start < 5 && isHex(codeAt(text, start - 1))) start--;
    let end = colon;
    while (end < text.length && end - start < 45 && (isHex(codeAt(text, end)) || codeAt(text, end) === 58)) end++;
    from = Math.max(end, colon + 1);
    if (isWordChar(codeAt(text, start - 1)) || codeAt(text, start - 1) === 58 || isWordChar(codeAt(text, end))) continue;
    if (isIpv6(text.slice(start, end))) spans.push({ start, end, kind: 'ip' });
  }
  return spans;
}

function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  if (halves.length === 1) return groups.length === 8;
  // "fe80::1" is an address; "A::B" in code is not ("std::vector" never gets here: "s" is not hex).
  const hexDigits = groups.reduce((sum, g) => sum + g.length, 0);
  return groups.length >= 2 && groups.length <= 7 && hexDigits >= 5;
}
