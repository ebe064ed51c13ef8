// npm run trial:engines [-- --bucket webtrace --lc-day-seconds N]
// Starts a throwaway Ceph S3 gateway and PostgreSQL on 127.0.0.1 for trying "Running more than one
// server", prints the settings to give each server instance, and stops both (removing all their
// data) on Ctrl+C. Installs Debian's packages first when they are missing and we are root.
import { z } from 'zod';
import { bucketNameSchema } from '../test/support/engines/bucket-name';
import { startCeph } from '../test/support/engines/start-ceph';
import { startPostgres } from '../test/support/engines/start-postgres';
import { parseFlags } from './package/cli-flags';

const flagsSchema = z.object({
  bucket: bucketNameSchema.default('webtrace'),
  'lc-day-seconds': z.coerce.number().int().min(1).max(86_400).optional(),
});

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

try {
  const flags = parseFlags(process.argv.slice(2), process.env, { bucket: null, 'lc-day-seconds': null }, flagsSchema);
  const started = Date.now();
  const [ceph, postgres] = await Promise.all([startCeph({ bucket: flags.bucket, lcDaySeconds: flags['lc-day-seconds'] }), startPostgres()]);
  const stop = async () => {
    await Promise.all([ceph.stop(), postgres.stop()]);
    console.log('\nCeph and PostgreSQL stopped; their data is gone.');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const settings = {
    WEBTRACE_STORE: 's3',
    WEBTRACE_S3_ENDPOINT: ceph.s3.endpoint,
    WEBTRACE_S3_BUCKET: flags.bucket,
    WEBTRACE_S3_REGION: ceph.s3.region,
    AWS_ACCESS_KEY_ID: ceph.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ceph.s3.secretAccessKey,
    WEBTRACE_DATABASE_URL: postgres.databaseUrl,
  };
  console.log(`Ceph S3 gateway and PostgreSQL are running (started in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  if (flags['lc-day-seconds']) console.log(`A bucket lifecycle "day" lasts ${flags['lc-day-seconds']} s.`);
  console.log('Give every server instance these settings (e.g. paste them into its shell):\n');
  for (const [name, value] of Object.entries(settings)) console.log(`export ${name}='${value}'`);
  console.log('\nEverything lives in memory and temp directories; Ctrl+C stops both and deletes it.');
} catch (err) {
  console.error(`npm run trial:engines: ${(err as Error).message}`);
  process.exit(1);
}
