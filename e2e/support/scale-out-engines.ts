import { createTestBucket } from '../../test/support/engines/create-test-bucket';
import { createTestDatabase } from '../../test/support/engines/create-test-database';
import { ensureEngine } from '../../test/support/engines/ensure-engine';
import { startCeph, type CephCluster } from '../../test/support/engines/start-ceph';
import { startPostgres, type PostgresCluster } from '../../test/support/engines/start-postgres';

/** The environment that puts a server process on the s3 store: a bucket and a database of its own. */
export type StoreEnv = Record<string, string>;

export interface ScaleOutEngines {
  /** A fresh bucket and database on the engines, as a server's environment. */
  newStore(label: string): Promise<StoreEnv>;
  stop(): Promise<void>;
}

/**
 * A real Ceph S3 gateway and PostgreSQL for end-to-end tests of several server instances, found or
 * installed by scripts/ensure-<engine>.sh like the engine tests' (test/support/engines/). Not
 * available here: `{ missing }`, which a test skips on, except in CI, where it fails.
 */
// The SDK's notice that its later versions need Node 22, printed in this process by the bucket calls.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export async function startScaleOutEngines(): Promise<ScaleOutEngines | { missing: string }> {
  const ceph = await ensureEngine('ceph');
  if ('missing' in ceph) return { missing: `Ceph: ${ceph.missing}` };
  const postgres = await ensureEngine('postgres');
  if ('missing' in postgres) return { missing: `PostgreSQL: ${postgres.missing}` };
  let cluster: CephCluster | null = null;
  let db: PostgresCluster | null = null;
  try {
    [cluster, db] = await Promise.all([startCeph({ bin: ceph.bin }), startPostgres({ bin: postgres.bin })]);
  } catch (error) {
    await Promise.all([cluster?.stop(), db?.stop()]);
    throw error;
  }
  const s3 = cluster.s3;
  const pg = db;
  return {
    async newStore(label) {
      const [bucket, databaseUrl] = await Promise.all([createTestBucket(s3, label), createTestDatabase(pg, label)]);
      return {
        WEBTRACE_STORE: 's3',
        WEBTRACE_S3_ENDPOINT: s3.endpoint,
        WEBTRACE_S3_BUCKET: bucket,
        WEBTRACE_S3_REGION: s3.region,
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        WEBTRACE_DATABASE_URL: databaseUrl,
        // The SDK's notice that later versions will need Node 22 (we pin one that runs on Node 20).
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
    },
    async stop() {
      await Promise.all([cluster!.stop(), pg.stop()]);
    },
  };
}
