import { scrubText } from './scrub-text';
import { scrubUrl } from './scrub-url';

const URL_KEYS = new Set(['url', 'href']);
const MAX_DEPTH = 64;

/**
 * Every string in a JSON-like value scrubbed: `url`/`href` keys as URLs, the
 * rest as text. Used for actions (url, target name, label, placeholder,
 * selectors, select labels, ancestors) and any custom payload, so a new field
 * is scrubbed without anyone remembering to.
 */
export function scrubPayload(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return URL_KEYS.has(key) ? scrubUrl(value) : scrubText(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth > MAX_DEPTH ? null : value;
  if (Array.isArray(value)) return value.map((v) => scrubPayload(v, '', depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubPayload(v, k, depth + 1);
  return out;
}
