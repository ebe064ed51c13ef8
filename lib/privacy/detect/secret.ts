import { isAlnum, isDigit, isLower, isUpper } from '../chars';
import type { Span } from '../span';

/**
 * Secrets: JWTs, API keys of well-known formats, the token after "Bearer" or
 * "Basic", values after words like "password:" or "api_key=", and long random
 * base64-like tokens. Every regex is applied sticky at a candidate position
 * with bounded repetition, so scanning stays linear.
 */
export function findSecrets(text: string): Span[] {
  const tokens = text.length >= MIN_KEY ? findTokens(text) : [];
  return KEYWORD_HINT.test(text) ? [...tokens, ...findAfterKeywords(text)] : tokens;
}

/** No known key, JWT or random token is shorter. */
const MIN_KEY = 14;
/** What a "password: x" or "Bearer x" needs: a separator or an auth scheme word. */
const KEYWORD_HINT = /[:=]|bearer|basic/i;

const isTokenChar = (c: number): boolean => isAlnum(c) || c === 95 || c === 45; // _ -

/** Well-known key formats: prefix and the least number of characters after it. */
const KEY_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['sk_live_', 10],
  ['sk_test_', 10],
  ['rk_live_', 10],
  ['rk_test_', 10],
  ['whsec_', 16],
  ['ghp_', 30],
  ['gho_', 30],
  ['ghu_', 30],
  ['ghs_', 30],
  ['ghr_', 30],
  ['github_pat_', 30],
  ['glpat-', 20],
  ['xoxb-', 10],
  ['xoxp-', 10],
  ['xoxa-', 10],
  ['xoxr-', 10],
  ['xoxs-', 10],
  ['AKIA', 16],
  ['ASIA', 16],
  ['AIza', 30],
  ['sk-', 20],
  ['npm_', 30],
  ['shpat_', 24],
  ['shpss_', 24],
  ['hf_', 30],
];
const JWT = /eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,4096}/y;
const MAX_TOKEN = 8192;

/** Scans token-character runs once: each run is a JWT, a known key, a random-looking token, or nothing. */
function findTokens(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && end - i < MAX_TOKEN && isTokenChar(text.charCodeAt(end))) end++;
    JWT.lastIndex = i;
    const jwt = text.startsWith('eyJ', i) ? JWT.exec(text) : null;
    if (jwt) {
      spans.push({ start: i, end: i + jwt[0].length, kind: 'secret' });
      i += jwt[0].length;
      continue;
    }
    // Words are shorter than any key: only long runs are looked at closely.
    if (end - i >= MIN_KEY) {
      const token = text.slice(i, end);
      if (isKnownKey(token) || looksRandom(token)) spans.push({ start: i, end, kind: 'secret' });
    }
    i = end;
  }
  return spans;
}

function isKnownKey(token: string): boolean {
  return KEY_PREFIXES.some(([prefix, min]) => token.startsWith(prefix) && token.length - prefix.length >= min);
}

/**
 * A token of 32+ characters mixing upper case, lower case and digits with no
 * long lower-case stretch (which words and identifiers have) reads as random:
 * a key, a session id. Lower-case hex (hashes, commit ids) is left alone.
 */
export function looksRandom(token: string): boolean {
  if (token.length < 32) return false;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let lowerRun = 0;
  let maxLowerRun = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isUpper(c)) upper++;
    else if (isDigit(c)) digits++;
    if (isLower(c)) {
      lower++;
      maxLowerRun = Math.max(maxLowerRun, ++lowerRun);
    } else lowerRun = 0;
  }
  return upper >= 3 && lower >= 3 && digits >= 3 && maxLowerRun < 8;
}

/** "Bearer x", "Basic x", "password: x", "api_key=x", "token": "x" … the value after the word is the secret. */
const KEYWORD =
  /\b(?:bearer|basic|password|passwd|passphrase|pwd|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|session[_-]?id)\b/gi;
const AFTER_AUTH_SCHEME = /[ \t]+([A-Za-z0-9._~+/=-]{8,4096})/y;
const TAG_AT_START = /^\[[a-z]+(?::[a-z]+)?\]/;
const AFTER_KEY = /["']?[ \t]*[:=][ \t]*["']?([^\s"'<>,;&]{6,4096})/y;

function findAfterKeywords(text: string): Span[] {
  const spans: Span[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m; m = KEYWORD.exec(text)) {
    const word = m[0].toLowerCase();
    const tail = word === 'bearer' || word === 'basic' ? AFTER_AUTH_SCHEME : AFTER_KEY;
    tail.lastIndex = KEYWORD.lastIndex;
    const t = tail.exec(text);
    if (!t || TAG_AT_START.test(t[1]!)) continue; // already scrubbed
    const value = t[1]!.replace(/[.!?)\]]+$/, '');
    if (!secretShaped(value)) continue;
    const start = tail.lastIndex - t[1]!.length;
    spans.push({ start, end: start + value.length, kind: 'secret' });
    KEYWORD.lastIndex = tail.lastIndex;
  }
  return spans;
}

/**
 * After "password:" or "Bearer", a value with a digit, a symbol or an upper-case
 * letter inside it; "Token: expired", "Basic information" are words.
 */
function secretShaped(value: string): boolean {
  if (value.length < 6) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isDigit(c) || !(isUpper(c) || isLower(c)) || (i > 0 && isUpper(c))) return true;
  }
  return false;
}
