#!/usr/bin/env bash
# The whole test suite: types, unit tests, the built extension, end-to-end tests
# in a real Chromium. Ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0

if chromium=$(bash scripts/ensure-chromium.sh); then
  export CHROMIUM_PATH="$chromium"
  echo "Chromium: $CHROMIUM_PATH"
else
  if [ -n "${CI:-}" ]; then echo "CI: end-to-end tests need Chromium and none could be installed." >&2; exit 1; fi
  echo "WARNING: no Chromium; end-to-end tests will be reported as skipped." >&2
  export WEBTRACE_SKIP_E2E=1
fi

npx wxt prepare >/dev/null || status=1
echo "== typecheck" && npx tsc --noEmit || status=1
echo "== build" && npx wxt build || status=1
echo "== build viewer" && npm run --silent build:viewer || status=1
echo "== unit tests" && npx vitest run || status=1
echo "== end-to-end tests" && npx playwright test || status=1

node scripts/summarize-results.mjs test-results/vitest.json test-results/playwright.json || status=1
exit $status
