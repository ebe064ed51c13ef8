/**
 * What replaces a scrubbed value: its kind and the length class of the
 * original (s ≤ 8, m ≤ 16, l ≤ 32, xl longer), e.g. `[email:l]`. The class
 * keeps the data useful (a long id vs a short code) without the exact length.
 * Tags contain no digits or `@`, so scrubbing a tag again leaves it unchanged.
 */
export type PiiKind = 'email' | 'phone' | 'card' | 'ssn' | 'iban' | 'ip' | 'secret';

export function lengthClass(length: number): 's' | 'm' | 'l' | 'xl' {
  return length <= 8 ? 's' : length <= 16 ? 'm' : length <= 32 ? 'l' : 'xl';
}

export function piiTag(kind: PiiKind, length: number): string {
  return `[${kind}:${lengthClass(length)}]`;
}
