import { looksRandom } from './detect/secret';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const LONG_HEX = /^[0-9a-f]{12,}$/i;
const NUMBER = /^\d{3,}$/;
const MIXED_TOKEN = /^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}$/;

/**
 * Whether a URL path segment (decoded) reads as an identifier of a record or
 * person rather than a route name: numbers of 3+ digits, UUIDs, long hex,
 * and long tokens mixing letters and digits. "v1", "2fa", "index-3f9a.js" stay.
 */
export function isIdLike(segment: string): boolean {
  if (segment.length > 200) return true;
  return NUMBER.test(segment) || UUID.test(segment) || LONG_HEX.test(segment) || MIXED_TOKEN.test(segment) || looksRandom(segment);
}
