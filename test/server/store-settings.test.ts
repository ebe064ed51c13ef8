import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../server/settings/load-settings';

const S3_ENV = {
  WEBTRACE_STORE: 's3',
  WEBTRACE_S3_ENDPOINT: 'http://127.0.0.1:7480',
  WEBTRACE_S3_BUCKET: 'webtrace',
  WEBTRACE_DATABASE_URL: 'postgresql://webtrace:s3cret-password@127.0.0.1:5432/webtrace',
};

describe('store settings', () => {
  it('default to the fs store in the data directory', () => {
    expect(loadSettings(['--data', '/tmp/wt-store'], {}).store).toEqual({ kind: 'fs', dataDir: '/tmp/wt-store' });
  });

  it('read the s3 store from WEBTRACE_STORE, WEBTRACE_S3_* and WEBTRACE_DATABASE_URL (credentials stay with the SDK)', () => {
    expect(loadSettings([], { ...S3_ENV, WEBTRACE_S3_RETENTION_CLASS: 'r30' }).store).toEqual({
      kind: 's3',
      bucket: { endpoint: 'http://127.0.0.1:7480', bucket: 'webtrace', region: 'us-east-1', forcePathStyle: true },
      databaseUrl: S3_ENV.WEBTRACE_DATABASE_URL,
      retentionClass: 'r30',
      singleInstance: false,
    });
    // No endpoint: AWS itself, virtual-hosted buckets.
    const aws = loadSettings([], { ...S3_ENV, WEBTRACE_S3_ENDPOINT: '', WEBTRACE_S3_REGION: 'eu-west-3' }).store;
    expect(aws).toMatchObject({ bucket: { endpoint: undefined, region: 'eu-west-3', forcePathStyle: false }, retentionClass: 'standard' });
  });

  it('name what is missing or wrong, without echoing the database URL', () => {
    const fail = (env: Record<string, string>) => {
      try {
        loadSettings([], env);
      } catch (err) {
        expect(err).toBeInstanceOf(SettingsError);
        return (err as Error).message;
      }
      throw new Error('expected a SettingsError');
    };
    expect(fail({ WEBTRACE_STORE: 's3' })).toMatch(/WEBTRACE_S3_BUCKET: is required[\s\S]*WEBTRACE_DATABASE_URL: is required/);
    expect(fail({ WEBTRACE_STORE: 'minio' })).toMatch(/WEBTRACE_STORE: must be fs or s3/);
    expect(fail({ ...S3_ENV, WEBTRACE_S3_BUCKET: 'Not_A_Bucket' })).toMatch(/WEBTRACE_S3_BUCKET: must be a valid S3 bucket name/);
    expect(fail({ ...S3_ENV, WEBTRACE_S3_RETENTION_CLASS: '_x' })).toMatch(/WEBTRACE_S3_RETENTION_CLASS/);
    const badUrl = fail({ ...S3_ENV, WEBTRACE_DATABASE_URL: 'mysql://root:hunter2@db/webtrace' });
    expect(badUrl).toMatch(/WEBTRACE_DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(badUrl).not.toContain('hunter2');
  });
});
