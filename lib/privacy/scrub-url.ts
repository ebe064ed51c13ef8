import { isIdLike } from './id-like';
import { scrubText } from './scrub-text';

/** What stands for a withheld query value or fragment, and for an id in a path. */
export const WITHHELD = '[withheld]';
export const ID_TAG = '[id]';

/** Media types of data: URLs kept as they are (pictures and fonts, not text). */
const KEPT_DATA = /^data:(?:image\/|font\/|application\/(?:font|x-font)[\w.+-]*[;,])/i;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const HIERARCHICAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
/** A fragment that is just an anchor name ("#pricing", "#icon-close"): kept, since it points into the page. */
const ANCHOR = /^[A-Za-z][\w.:-]{0,63}$/;

/**
 * A URL with what identifies people taken out: user info dropped, query values
 * withheld (names kept), fragments withheld unless they are an anchor name or a
 * hash route ("#/orders/42", treated as a path), and path segments that are
 * ids or PII replaced (`[id]`, `[email:l]`). Scheme, host and port are kept.
 * Idempotent: scrubbing a scrubbed URL changes nothing.
 */
export function scrubUrl(url: string): string {
  if (!url) return url;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'data') return KEPT_DATA.test(url) ? url : `data:${WITHHELD}`;
  if (scheme === 'javascript') return 'javascript:void(0)';
  if (scheme === 'blob' || scheme === 'about') return url;
  if (scheme === 'mailto' || scheme === 'tel' || scheme === 'sms') return `${scheme}:${WITHHELD}`;
  if (scheme !== undefined && !HIERARCHICAL.has(scheme)) return `${scheme}:${scrubPathAndRest(url.slice(scheme.length + 1))}`;

  let rest = scheme === undefined ? url : url.slice(scheme.length + 1);
  let prefix = scheme === undefined ? '' : `${scheme}:`;
  if (rest.startsWith('//')) {
    const end = firstOf(rest, '/?#', 2);
    const authority = rest.slice(2, end);
    const at = authority.lastIndexOf('@');
    prefix += `//${at === -1 ? authority : authority.slice(at + 1)}`;
    rest = rest.slice(end);
  }
  return prefix + scrubPathAndRest(rest);
}

/** "path?query#fragment", each part scrubbed. */
function scrubPathAndRest(rest: string): string {
  const hash = rest.indexOf('#');
  const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
  const q = beforeHash.indexOf('?');
  const path = q === -1 ? beforeHash : beforeHash.slice(0, q);
  let out = scrubPath(path);
  if (q !== -1) out += `?${scrubQuery(beforeHash.slice(q + 1))}`;
  if (hash !== -1) out += `#${scrubFragment(rest.slice(hash + 1))}`;
  return out;
}

function scrubPath(path: string): string {
  return path.split('/').map(scrubSegment).join('/');
}

function scrubSegment(segment: string): string {
  if (!segment || segment === WITHHELD || segment === ID_TAG) return segment;
  const decoded = safeDecode(segment);
  if (isIdLike(decoded)) return ID_TAG;
  const scrubbed = scrubText(decoded);
  return scrubbed === decoded ? segment : scrubbed;
}

/** Names stay (they say what the page is about); every value is withheld. */
function scrubQuery(query: string): string {
  if (!query) return query;
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return looksLikeName(pair) ? pair : WITHHELD;
      const name = pair.slice(0, eq);
      return `${looksLikeName(name) ? name : WITHHELD}=${eq === pair.length - 1 ? '' : WITHHELD}`;
    })
    .join('&');
}

function looksLikeName(name: string): boolean {
  const decoded = safeDecode(name);
  return /^[A-Za-z_][\w.\-[\]]{0,63}$/.test(decoded) && !isIdLike(decoded) && scrubText(decoded) === decoded;
}

function scrubFragment(fragment: string): string {
  if (!fragment || fragment === WITHHELD) return fragment;
  if (fragment.startsWith('/') || fragment.startsWith('!/')) return scrubPathAndRest(fragment.replace(/#/g, '%23'));
  return ANCHOR.test(fragment) && !isIdLike(fragment) && scrubText(fragment) === fragment ? fragment : WITHHELD;
}

function firstOf(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
