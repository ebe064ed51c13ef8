import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { describeWithCeph } from '../support/engines/engine-gate';
import { s3Client } from '../support/engines/s3-client';

// Ceph v16 ignores If-None-Match: * on CompleteMultipartUpload: a "write once" multipart upload
// silently overwrites. That decides the store's design: chunks are written with one PutObject each,
// never by multipart. If this test starts failing, the engine now honours it (revisit, don't delete).
describeWithCeph('Ceph RGW: CompleteMultipartUpload does NOT honour If-None-Match', (s3) => {
  let client: S3Client;
  let bucket: string;
  const sentConditions: (string | undefined)[] = [];

  beforeAll(async () => {
    client = s3Client(s3);
    // Record what went on the wire, so the finding is about the gateway, not about the SDK.
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { method?: string; query?: Record<string, unknown>; headers?: Record<string, string> };
        if (request.method === 'POST' && request.query && 'uploadId' in request.query)
          sentConditions.push(request.headers?.['if-none-match']);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordCompleteConditions' },
    );
    bucket = await createTestBucket(s3, 'multipart');
  });
  afterAll(() => client?.destroy());

  async function multipartOnce(key: string, body: string) {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: body }));
    return client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        IfNoneMatch: '*',
        MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] },
      }),
    );
  }

  it('completes over an existing key and replaces it, although If-None-Match: * was sent', async () => {
    const key = 'r30/install-a/session-m/0/000001';
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'stored first', IfNoneMatch: '*' }));

    await expect(multipartOnce(key, 'overwritten by multipart')).resolves.toBeDefined();

    expect(sentConditions).toEqual(['*']);
    const body = await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
    expect(body).toBe('overwritten by multipart');
  });
});
