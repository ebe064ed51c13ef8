/** Collapses whitespace the way accessible names and labels are compared. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts to the schema's limit so an over-long string never makes an action invalid. */
export function clampText(text: string, max = 500): string {
  return text.length > max ? text.slice(0, max) : text;
}
