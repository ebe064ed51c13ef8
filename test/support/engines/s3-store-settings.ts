import type { S3StoreSettings } from '../../../server/store/s3/s3-store';
import type { S3Settings } from './engine-settings';

/** The s3 store's settings for a test bucket and database on the harness's engines. */
export function s3StoreSettings(
  s3: S3Settings,
  bucket: string,
  databaseUrl: string,
  overrides: Partial<S3StoreSettings> = {},
): S3StoreSettings {
  return {
    kind: 's3',
    bucket: {
      endpoint: s3.endpoint,
      bucket,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    },
    databaseUrl,
    retentionClass: 'r30',
    singleInstance: false,
    sweepEveryMs: 0,
    ...overrides,
  };
}
