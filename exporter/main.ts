#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { parseFlags, parseMergeFlags, UsageError, USAGE } from './cli/flags';
import { MergeError, mergeShards } from './pipeline/merge-shards';
import { PrivacyFailure, runExport } from './pipeline/run-export';
import { describeOutcome } from './pipeline/describe-outcome';

/**
 * `webtrace-export --out DIR` (`npm run export -- --out DIR`): the server's
 * stored sessions as a training dataset; `webtrace-export merge --out DIR
 * SHARD...` (`npm run export:merge`): finished shards as one dataset.
 * Exit codes: 0 done, 1 failed, 2 bad flags or shards that do not merge,
 * 3 a never-captured value was found (nothing is left behind).
 */
export async function main(
  argv: readonly string[],
  io: { stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv } = { stderr: process.stderr, env: process.env },
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stderr.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (argv[0] === 'merge') {
      const flags = parseMergeFlags(argv.slice(1));
      const m = await mergeShards(flags.out, flags.shards);
      io.stderr.write(
        `webtrace-export: merged ${flags.shards.length} shards into ${flags.out} (${m.files.length} files; ${m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps} steps)\n`,
      );
      return 0;
    }
    const flags = parseFlags(argv, io.env);
    const outcome = await runExport(flags, io);
    io.stderr.write(describeOutcome(flags.out, outcome));
    return 0;
  } catch (err) {
    if (err instanceof MergeError) {
      io.stderr.write(`webtrace-export merge: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`webtrace-export: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof PrivacyFailure) {
      io.stderr.write(`webtrace-export: PRIVACY FAILURE: ${err.message}\n`);
      return 3;
    }
    io.stderr.write(`webtrace-export: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
