#!/usr/bin/env bash
# The whole test suite, installing what it needs: pinned tools (Go tools,
# Python tools, podman from Debian), the build, then every tier (unit,
# end-to-end with the real linters, containers). Prints a plain
# "N passed, N failed, N skipped" line at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/.bin ] || npm ci
bash scripts/install-tools.sh
export PATH="$PWD/.tools/bin:$PATH"
npx turbo run build --output-logs=errors-only
node scripts/pack.mjs --no-build >/dev/null
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json "$@" || status=$?
node -e '
const r = require("./.tmp/vitest.json");
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
'
exit $status
