/**
 * CSSOM "serialize a string": a double-quoted CSS string. Only `"`, `\` and
 * control characters are escaped, so ordinary values stay readable.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0) out += '\uFFFD';
    else if ((code >= 1 && code <= 0x1f) || code === 0x7f) out += `\\${code.toString(16)} `;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out}"`;
}

/** CSS identifier escaping (for #id), via CSS.escape where the platform has it. */
export function cssIdent(value: string): string {
  const native = (globalThis as { CSS?: { escape?: (v: string) => string } }).CSS?.escape;
  if (native) return native(value);
  return value.replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (ch) => `\\${ch}`).replace(/^(-?)(\d)/, '$1\\3$2 ');
}
