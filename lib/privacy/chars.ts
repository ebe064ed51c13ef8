/** Character tests by code unit: cheap, allocation-free, used by every detector. */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isLetter = (c: number): boolean => isUpper(c) || isLower(c);
export const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
/** Letters, digits and `_`: what makes a "word" for boundary checks. */
export const isWordChar = (c: number): boolean => isAlnum(c) || c === 95;

/** Code unit at i, or -1 outside the string (so boundary checks need no range test). */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}
