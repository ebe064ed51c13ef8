// Reads Vitest's and Playwright's JSON reports (and the benchmark smoke run's checks, when named)
// and prints the closing line CI reads:
// "N passed, N failed, N skipped". Exits non-zero if anything failed or nothing ran.
import { readFileSync, existsSync } from 'node:fs';

let passed = 0,
  failed = 0,
  skipped = 0;
const missing = [];
// Names of what failed (and of what passed only on a retry), printed just above the closing line
// so the tail of a CI log says which test it was.
const failures = [];
const flaky = [];

function read(file) {
  if (!existsSync(file)) {
    missing.push(file);
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const vitest = read(process.argv[2]);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A test file that failed to load has no tests counted: count it as a failure.
  failed += vitest.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  for (const file of vitest.testResults) {
    const name = file.name.replace(process.cwd() + '/', '');
    if (file.status === 'failed' && file.assertionResults.length === 0) failures.push(`unit ${name}: ${firstLine(file.message)}`);
    for (const t of file.assertionResults) {
      if (t.status === 'failed') failures.push(`unit ${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
}

const pw = read(process.argv[3]);
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
  failed += (pw.errors ?? []).length;
  for (const e of pw.errors ?? []) failures.push(`e2e: ${firstLine(e.message)}`);
  walkSuites(pw.suites ?? [], []);
}

function walkSuites(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = [...path, spec.title].join(' > ');
        const results = test.results ?? [];
        const error = results.find((r) => r.error)?.error?.message;
        if (test.status === 'unexpected') failures.push(`e2e ${name}: ${firstLine(error)}`);
        if (test.status === 'flaky') flaky.push(`e2e ${name}: failed first with ${firstLine(error)}`);
      }
    }
    walkSuites(suite.suites ?? [], path);
  }
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim()) ?? '(no message)';
  return line.trim().slice(0, 300);
}

// bench/run.ts --report: { passed, failed, skipped }, one check per benchmark row.
if (process.argv[4]) {
  const bench = read(process.argv[4]);
  if (bench) {
    passed += bench.passed;
    failed += bench.failed;
    skipped += bench.skipped;
  }
}

for (const f of missing) console.log(`missing report: ${f}`);
for (const f of flaky) console.log(`FLAKY (passed on retry) ${f}`);
for (const f of failures) console.log(`FAILED ${f}`);
failed += missing.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
