import { createHash } from 'node:crypto';

/**
 * A UUID that is the same every time for the same name, so a re-rendered
 * profile replaces the one already installed instead of adding a second.
 * (RFC 4122 name-based layout, version 5 bits, from SHA-256.)
 */
export function stableUuid(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
