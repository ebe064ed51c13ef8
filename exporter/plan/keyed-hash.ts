import { createHmac } from 'node:crypto';

/**
 * The export's keyed hashes. Everything an export derives from an id (a
 * pseudonym, a split, a shard) is an HMAC over the id keyed by the split
 * seed, and for anything tied to a person also by the salt, which is never
 * written out: without it an install id cannot be linked to its split or
 * its episodes. The same seed and salt give the same hashes, so exports are
 * reproducible and shards agree with each other.
 */
export class KeyedHash {
  constructor(
    private readonly seed: string,
    private readonly salt: Buffer,
  ) {}

  /** Hex digest of `parts` under the seed (and the salt when `salted`). */
  hex(purpose: string, parts: readonly string[], salted: boolean): string {
    const key = salted ? Buffer.concat([Buffer.from(`${this.seed}\u0000`), this.salt]) : Buffer.from(this.seed);
    return createHmac('sha256', key)
      .update([purpose, ...parts].join('\u0000'))
      .digest('hex');
  }

  /** A number in [0, 1) from the hash: for shares (splits) and buckets (shards). */
  unit(purpose: string, parts: readonly string[], salted: boolean): number {
    return parseInt(this.hex(purpose, parts, salted).slice(0, 13), 16) / 2 ** 52;
  }
}
