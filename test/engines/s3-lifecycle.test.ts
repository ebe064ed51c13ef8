import {
  GetBucketLifecycleConfigurationCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { describeWithCeph, lcDaySeconds } from '../support/engines/engine-gate';
import { s3Client } from '../support/engines/s3-client';

// Keys start with their retention class so that retention is a bucket lifecycle rule per prefix.
// The shared cluster's lifecycle "day" lasts lcDaySeconds() (rgw lc debug interval).
describeWithCeph('Ceph RGW: lifecycle rules by prefix', (s3) => {
  let client: S3Client;
  let bucket: string;
  const rules = [
    { ID: 'retention-1d', Status: 'Enabled' as const, Filter: { Prefix: 'r1/' }, Expiration: { Days: 1 } },
    { ID: 'retention-30d', Status: 'Enabled' as const, Filter: { Prefix: 'r30/' }, Expiration: { Days: 30 } },
  ];

  beforeAll(async () => {
    client = s3Client(s3);
    bucket = await createTestBucket(s3, 'lifecycle');
  });
  afterAll(() => client?.destroy());

  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();

  it('sets a lifecycle configuration with a rule per key prefix and reads it back', async () => {
    await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
    const { Rules } = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(Rules?.map((r) => [r.ID, r.Filter?.Prefix, r.Expiration?.Days]).sort()).toEqual([
      ['retention-1d', 'r1/', 1],
      ['retention-30d', 'r30/', 30],
    ]);
  });

  it('expires what is under the 1-day prefix after about a lifecycle day, and keeps the 30-day prefix', async () => {
    await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'r1/install-a/session-1/0/000001', Body: 'short' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'r30/install-a/session-1/0/000001', Body: 'long' }));
    expect(await keys()).toEqual(['r1/install-a/session-1/0/000001', 'r30/install-a/session-1/0/000001']);

    const started = Date.now();
    // A generous bound: several lifecycle cycles; a test never fails only because the machine is slow.
    await expect
      .poll(keys, { timeout: Math.max(45_000, lcDaySeconds() * 10_000), interval: 500 })
      .toEqual(['r30/install-a/session-1/0/000001']);
    console.log(`lifecycle: r1/ object expired ${Date.now() - started} ms after its put (a "day" is ${lcDaySeconds()} s)`);
  }, 120_000);
});
