import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../server/store/s3/bucket';
import { probeConditionalPut } from '../../server/store/s3/probe-conditional-put';

/**
 * The start-up probe on buckets that misbehave as some S3 look-alikes do (the
 * real gateway's answer is in test/engines/s3-exactly-once.test.ts).
 */
function fakeBucket(conditional: 'honoured' | 'ignored' | 'refuses-all' | 'overwrites-anyway'): { bucket: Bucket; deleted: string[] } {
  const objects = new Map<string, string>();
  const deleted: string[] = [];
  const bucket = {
    async putOnce(key: string, body: Buffer) {
      if (conditional === 'refuses-all') return false;
      if (objects.has(key) && conditional === 'honoured') return false;
      const refused = objects.has(key) && conditional === 'overwrites-anyway';
      objects.set(key, body.toString());
      return !refused;
    },
    async get(key: string) {
      return objects.has(key) ? Buffer.from(objects.get(key)!) : null;
    },
    async deleteKeys(keys: string[]) {
      deleted.push(...keys);
    },
  } as unknown as Bucket;
  return { bucket, deleted };
}

describe('conditional-put probe', () => {
  it('passes a store that refuses the second put and keeps the first, and cleans up after itself', async () => {
    const { bucket, deleted } = fakeBucket('honoured');
    expect(await probeConditionalPut(bucket)).toMatchObject({ honoured: true });
    expect(deleted).toEqual([expect.stringMatching(/^_probe\//)]);
  });

  it.each([
    ['ignored', /second conditional put to the same key succeeded/],
    ['refuses-all', /put to a new key was refused/],
    ['overwrites-anyway', /refused put changed the object/],
  ] as const)('fails a store whose conditional puts are %s, saying how', async (kind, detail) => {
    const { bucket, deleted } = fakeBucket(kind);
    const probe = await probeConditionalPut(bucket);
    expect(probe.honoured).toBe(false);
    expect(probe.detail).toMatch(detail);
    expect(deleted).toHaveLength(1);
  });
});
