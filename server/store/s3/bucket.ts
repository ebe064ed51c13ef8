import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface BucketSettings {
  /** Unset: AWS's own endpoint for the region. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Path-style addressing (needed by local gateways: no bucket DNS names on 127.0.0.1). */
  forcePathStyle: boolean;
  /** Tests pass keys; servers leave this unset so the SDK reads its usual environment (AWS_ACCESS_KEY_ID…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface ListedObject {
  key: string;
  lastModified: number;
}

/**
 * The few object operations the s3 store uses, over @aws-sdk/client-s3.
 * Chunks are small: one PutObject each, never a multipart upload (the
 * gateway does not honour If-None-Match on CompleteMultipartUpload).
 */
export class Bucket {
  readonly client: S3Client;

  constructor(readonly settings: BucketSettings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      maxAttempts: 3,
    });
  }

  get name(): string {
    return this.settings.bucket;
  }

  /** Writes the object unless the key exists (If-None-Match: *); false when it existed (412). */
  async putOnce(key: string, body: Buffer, contentType = 'application/json', contentEncoding?: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.name,
          Key: key,
          Body: body,
          IfNoneMatch: '*',
          ContentType: contentType,
          ContentEncoding: contentEncoding,
        }),
      );
      return true;
    } catch (err) {
      if (isPreconditionFailed(err)) return false;
      throw err;
    }
  }

  /** The object's bytes, or null when there is none. */
  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.name, Key: key }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async deleteKeys(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const part = keys.slice(i, i + 1000);
      if (part.length === 0) continue;
      const res = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.name, Delete: { Objects: part.map((Key) => ({ Key })), Quiet: true } }),
      );
      if (res.Errors?.length)
        throw new Error(`could not delete ${res.Errors.length} objects, e.g. ${res.Errors[0]!.Key}: ${res.Errors[0]!.Message}`);
    }
  }

  /** Every object under a prefix, page by page. */
  async *list(prefix = ''): AsyncGenerator<ListedObject[]> {
    let token: string | undefined;
    do {
      const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.name, Prefix: prefix, ContinuationToken: token }));
      yield (res.Contents ?? []).map((o) => ({ key: o.Key!, lastModified: o.LastModified?.getTime() ?? 0 }));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async deletePrefix(prefix: string): Promise<number> {
    let n = 0;
    for await (const page of this.list(prefix)) {
      await this.deleteKeys(page.map((o) => o.key));
      n += page.length;
    }
    return n;
  }

  destroy(): void {
    this.client.destroy();
  }
}

export function isPreconditionFailed(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}
