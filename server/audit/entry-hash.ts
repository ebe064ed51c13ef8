import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../lib/schema/audit-entry';

/** The first entry's `prev`: no entry came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 of the entry's canonical JSON without `hash` (keys sorted at every
 * level), so the hash does not depend on the order a writer put the keys in.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...rest } = entry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
