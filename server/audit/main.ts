#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyAuditLog } from './verify-audit-log';
import { buildReport } from './report/build-report';
import { openReportStore, stderrLogger } from './report/open-report-store';
import { AUDIT_USAGE, AuditUsageError, parseAuditFlags } from './report/report-flags';
import { renderReport } from './report/render-report';

/**
 * `npm run audit -- --from DATE --to DATE`: the audit report, printed as text
 * and written as JSON (and the text beside it). Exit 3 when it has findings.
 */
export async function main(
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv; now?: () => number } = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  },
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${AUDIT_USAGE}\n`);
    return 0;
  }
  try {
    const flags = parseAuditFlags(argv, io.env);
    const dataDir = resolve(flags.data);
    const store = await openReportStore(dataDir, io.env, stderrLogger(io.stderr));
    let report;
    try {
      report = await buildReport({ store, dataDir, from: flags.from, to: flags.to, now: (io.now ?? Date.now)() });
    } finally {
      await store.close();
    }
    if (flags['expect-head']) report.auditChain = await verifyAuditLog(dataDir, { expect: flags['expect-head'] });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const out = resolve(flags.out ?? `audit-report-${day(flags.from)}-${day(flags.to)}.json`);
    const text = renderReport(report);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(out.replace(/\.json$/, '') + '.txt', text);
    io.stdout.write(text);
    io.stderr.write(`audit: wrote ${out} and its .txt\n`);
    return report.piiScan.findings.length || !report.auditChain.ok ? 3 : 0;
  } catch (err) {
    if (err instanceof AuditUsageError) {
      io.stderr.write(`audit: ${err.message}\n${AUDIT_USAGE}\n`);
      return 2;
    }
    io.stderr.write(`audit: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
