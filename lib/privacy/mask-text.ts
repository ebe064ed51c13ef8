/** Masks text the way rrweb does: every non-whitespace character becomes `*`, so layout survives. */
export function maskText(text: string): string {
  return text.replace(/\S/g, '*');
}
