import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { storedText } from './stored-text';

/** The forms a secret could take once serialized, escaped or encoded. */
export function encodingsOf(secret: string): string[] {
  return [
    secret,
    secret.toLowerCase(),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
  ];
}

/** Which of the secrets (in any of their encodings) occur in the text; empty means none leaked. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return secrets.filter((s) => encodingsOf(s).some((e) => text.includes(e) || lower.includes(e.toLowerCase())));
}

/**
 * Every file below dir, as [relative path, bytes as latin1 text] (binary-safe substring search);
 * a server's gzip'ed chunks and write-ahead log decoded first, so a leak in them is found.
 */
export async function readTree(dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push([path.relative(dir, full), await storedText(full, 'latin1')]);
  }
  return out;
}
