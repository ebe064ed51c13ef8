import { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from './engine-settings';

/** An SDK client for a local gateway: path-style addressing (no bucket DNS names on 127.0.0.1). */
export function s3Client(s3: S3Settings): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
}
