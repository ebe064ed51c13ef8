import { GetObjectCommand, HeadBucketCommand, ListBucketsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { describeWithCeph } from '../support/engines/engine-gate';
import { s3Client } from '../support/engines/s3-client';

// The facts the s3 store's exactly-once rests on, on the real Ceph gateway: a put with
// If-None-Match: * stores a key once, and every other writer is told 412 ("already stored").
describeWithCeph('Ceph RGW: buckets and conditional puts', (s3) => {
  let client: S3Client;
  let bucket: string;

  beforeAll(async () => {
    client = s3Client(s3);
    bucket = await createTestBucket(s3, 'conditional-put');
  });
  afterAll(() => client?.destroy());

  const read = async (key: string) => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  const putOnce = (key: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, IfNoneMatch: '*' }));

  it('creates a bucket that the S3 user owns and lists', async () => {
    const name = await createTestBucket(s3, 'created');
    await expect(client.send(new HeadBucketCommand({ Bucket: name }))).resolves.toBeDefined();
    const { Buckets } = await client.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain(name);
  });

  it('20 racing writers to one key with IfNoneMatch "*": exactly 1 wins, 19 get 412 PreconditionFailed', async () => {
    const rounds = 5;
    const figures: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const key = `r30/install-a/session-${round}/0/000001`;
      const bodies = Array.from({ length: 20 }, (_, i) => `writer ${i} of round ${round}`);
      const results = await Promise.allSettled(bodies.map((body) => putOnce(key, body)));

      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      const losers = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as { name: string; $metadata?: { httpStatusCode?: number } }] : [],
      );
      expect(winners).toHaveLength(1);
      expect(losers.map((e) => `${e.name} ${e.$metadata?.httpStatusCode}`)).toEqual(Array(19).fill('PreconditionFailed 412'));
      // The stored object is the winner's body, whole: no later writer overwrote it.
      expect(await read(key)).toBe(bodies[winners[0]!]);
      figures.push(`round ${round}: writer ${winners[0]} won, ${losers.length} got 412`);
    }
    console.log(`racing conditional puts (20 writers, one key):\n  ${figures.join('\n  ')}`);
  });

  it('a conditional put to a key already stored is 412, and the object is unchanged', async () => {
    const key = 'r30/install-a/session-x/0/000002';
    await putOnce(key, 'first');
    await expect(putOnce(key, 'second')).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await read(key)).toBe('first');
  });

  it('control: the same put without the condition overwrites, so the 412 above comes from If-None-Match', async () => {
    const key = 'r30/install-a/session-y/0/000003';
    await putOnce(key, 'first');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'second' }));
    expect(await read(key)).toBe('second');
  });
});
