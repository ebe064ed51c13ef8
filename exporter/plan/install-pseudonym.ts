import type { KeyedHash } from './keyed-hash';

/**
 * An install's pseudonym in one export: salted, so without the salt (never
 * written out) it cannot be linked to the install, and seeded, so another
 * seed gives other pseudonyms. The same seed and salt give the same one: a
 * rebuild names the remaining installs as the export it rebuilds did.
 */
export function installPseudonym(hash: KeyedHash, installId: string): string {
  return `in_${hash.hex('install', [installId], true).slice(0, 16)}`;
}

/** A digest of the seed and salt that reveals neither: a rebuild checks it was given the same salt. */
export function saltCheck(hash: KeyedHash): string {
  return hash.hex('salt-check', [], true).slice(0, 16);
}

/** An export's id, from its run key (a keyed digest of its settings and input). */
export function exportIdOf(runKey: string): string {
  return `exp_${runKey.slice(0, 24)}`;
}
