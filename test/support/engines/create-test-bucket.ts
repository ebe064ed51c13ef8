import { randomBytes } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { S3Settings } from './engine-settings';
import { s3Client } from './s3-client';

/** A new, empty bucket of its own for one test or file on a shared cluster; its name. */
export async function createTestBucket(s3: S3Settings, label: string): Promise<string> {
  const name = `${label
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)}-${randomBytes(6).toString('hex')}`;
  const client = s3Client(s3);
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } finally {
    client.destroy();
  }
  return name;
}
