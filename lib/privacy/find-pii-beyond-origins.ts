import { findPii } from './scrub-text';
import type { Span } from './span';

/** scheme://authority of a URL anywhere in a text, up to the path. */
const URL_ORIGIN = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^/\s"'<>?#\\]*/gi;

/**
 * PII in text that was already scrubbed (stored chunks, dataset rows): the
 * detectors of findPii, after the scheme://host:port of every URL is set
 * aside. The capture rules keep hosts, and an IP address there is where the
 * site lives, not whom it is about. Spans are in the text with origins
 * replaced, so use them for kinds and counts, not to cut the original.
 */
export function findPiiBeyondOrigins(text: string): Span[] {
  if (text.length < 6) return [];
  return findPii(text.replace(URL_ORIGIN, (m) => `${m.slice(0, m.indexOf(':'))}://host`));
}
