// Reads Vitest's and Playwright's JSON reports and prints the closing line CI reads:
// "N passed, N failed, N skipped". Exits non-zero if anything failed or nothing ran.
import { readFileSync, existsSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
const missing = [];

function read(file) {
  if (!existsSync(file)) { missing.push(file); return null; }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const vitest = read(process.argv[2]);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A test file that failed to load has no tests counted: count it as a failure.
  failed += vitest.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
}

const pw = read(process.argv[3]);
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
  failed += (pw.errors ?? []).length;
}

for (const f of missing) console.log(`missing report: ${f}`);
failed += missing.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
