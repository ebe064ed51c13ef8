import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { parseStoreSettings } from '../server/settings/store-settings';
import { migrateStore } from '../server/store/migrate-store';
import { openStore } from '../server/store/open-store';
import { SessionStore } from '../server/store/session-store';

/**
 * npm run store:migrate -- --from fs:DIR --to s3
 * Copies an embedded store (tombstones, consent receipts, then the sessions
 * of installs not erased: server/store/migrate-store.ts) into the s3 store the environment describes
 * (WEBTRACE_S3_*, WEBTRACE_DATABASE_URL, AWS credentials: README "Running more
 * than one server"). Idempotent and resumable: run it again after an
 * interruption, or while the old server still writes, then once more after
 * it stopped. The source is opened read-only.
 */
const flagsSchema = z.object({
  from: z
    .string()
    .regex(/^fs:.+/, '--from must be fs:DIR (the data directory of an embedded store)')
    .transform((v) => v.slice(3)),
  to: z.literal('s3', { error: '--to must be s3 (configured by WEBTRACE_S3_* and WEBTRACE_DATABASE_URL)' }),
});

async function main(): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
    const parsed = flagsSchema.safeParse(values);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
    flags = parsed.data;
  } catch (err) {
    process.stderr.write(`store:migrate: ${(err as Error).message}\nusage: npm run store:migrate -- --from fs:DIR --to s3\n`);
    return 2;
  }
  const target = parseStoreSettings({ ...process.env, WEBTRACE_STORE: 's3' }, flags.from);
  if (!target.ok) {
    process.stderr.write(`store:migrate: the s3 store is not configured:\n  ${target.problems.join('\n  ')}\n`);
    return 2;
  }
  const log = stderrLog();
  const from = await SessionStore.open(flags.from, log, { readOnly: true });
  const to = await openStore(target.store, log);
  // Sessions of erased installs are not copied (nor counted): migrate-store.ts.
  const erased = new Set((await from.listTombstones()).map((t) => t.installId));
  const total = (await from.listSessions()).filter((m) => !erased.has(m.installId)).length;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'migrate |{bar}| {value}/{total} sessions | {chunks} chunks copied | {skipped} already there',
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { chunks: 0, skipped: 0 });
  try {
    const done = await migrateStore(from, to, (p) => bar.update(p.sessions, { chunks: p.chunks, skipped: p.skipped }));
    bar.stop();
    console.log(`migrated ${done.sessions} sessions (${done.chunks} chunks copied, ${done.skipped} sessions already there)`);
    console.log(
      `migrated ${done.tombstones} tombstones and ${done.receipts} consent receipts; erased installs' sessions: ` +
        `${done.erasedNotCopied} not copied, ${done.erasedFromTarget} deleted from the target`,
    );
    console.log(`migrated ${done.shots} screenshots and ${done.shotDropReports} discarded-shot reports`);
    console.log(`migrated ${done.lineages} export lineages (erased installs forgotten in them)`);
    console.log(`migrated ${done.credentials} install credentials (hashes: those installs need not enrol again)`);
    if (done.credentialConflicts.length > 0) {
      // The install enrolled in the target since: its credential there is the one it uses, and is kept.
      process.stderr.write(
        `store:migrate: ${done.credentialConflicts.length} installs hold another credential in the target, kept there: ${done.credentialConflicts.join(', ')}\n`,
      );
    }
    if (done.lineageConflicts.length > 0) {
      // The target's lineage of that export changed since (an erasure there): it is kept.
      process.stderr.write(
        `store:migrate: ${done.lineageConflicts.length} export lineages differ in the target, kept there: ${done.lineageConflicts.join(', ')}\n`,
      );
    }
    if (done.shotConflicts.length > 0) {
      // A key's bytes never change: the target's image is kept, and someone must look at why it differs.
      process.stderr.write(
        `store:migrate: ${done.shotConflicts.length} screenshots differ in the target and were not copied: ${done.shotConflicts.join(', ')}\n`,
      );
    }
    if (done.receiptConflicts.length > 0) {
      // Receipts are immutable: the target's is kept, and someone must look at why it differs.
      process.stderr.write(
        `store:migrate: ${done.receiptConflicts.length} consent receipts differ in the target and were not copied: ${done.receiptConflicts.join(', ')}\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    bar.stop();
    await to.close();
    await from.close();
  }
}

/** What the stores warn about (a skipped unreadable session, a corrupt chunk) goes to stderr, one line each. */
function stderrLog(): FastifyBaseLogger {
  const line = (level: string) => (obj: unknown, msg?: string) => {
    const text =
      typeof obj === 'string'
        ? obj
        : `${msg ?? ''} ${JSON.stringify(obj, (k, v) => (k === 'err' ? String((v as Error)?.message ?? v) : v))}`;
    process.stderr.write(`\n${level}: ${text}\n`);
  };
  const noop = () => undefined;
  const log = {
    level: 'warn',
    fatal: line('fatal'),
    error: line('error'),
    warn: line('warn'),
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`store:migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
