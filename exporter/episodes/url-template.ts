import { isIdLike } from '../../lib/privacy/id-like';
import { ID_TAG, WITHHELD } from '../../lib/privacy/scrub-url';

/** `[email:l]`-style tags the scrubbers leave. */
const PII_TAG = /^\[([a-z]+):[a-z]+\]$/;

/**
 * A URL (already scrubbed) as a template: the path's ids become `{id}`,
 * scrubbed values `{email}`, `{phone}`…, the query as its parameter names
 * with empty values (`?page=&sort=`: sorted, so the same page with its parameters in another order is the same
 * template), fragments dropped unless they are a hash route, templated the
 * same way. Scheme, host and port stay.
 */
export function urlTemplate(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const origin = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : `${parsed.protocol}`;
  let out = origin + templatePath(parsed.pathname);
  const names = [...new Set([...parsed.searchParams.keys()].map((n) => (n === WITHHELD ? '{name}' : n)))].sort();
  // Empty values: a placeholder after `token=` would read as a secret to the privacy gate.
  if (names.length) out += `?${names.map((n) => `${n}=`).join('&')}`;
  const hash = decodeSafe(parsed.hash.slice(1));
  if (hash.startsWith('/') || hash.startsWith('!/')) out += `#${templatePath(hash.split('?')[0]!)}`;
  return out;
}

function templatePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const decoded = decodeSafe(segment);
      if (!decoded) return segment;
      if (decoded === ID_TAG || isIdLike(decoded)) return '{id}';
      const tag = PII_TAG.exec(decoded);
      if (tag) return `{${tag[1]}}`;
      if (decoded === WITHHELD) return '{value}';
      return segment;
    })
    .join('/');
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
