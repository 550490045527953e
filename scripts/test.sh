#!/usr/bin/env bash
# The one test command (README, and CI through .ci/run): from a clean checkout on Debian 12,
# installs what the tests need (pnpm, PostGIS, Chromium, CJK fonts, Redis, dependencies), then
# runs typecheck, lint, the format check (Prettier), the schema check, the compose check and every jest project —
# unit, integration on the real PostGIS, the embedded smoke and the browser tests — and
# ends with one line "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p artifacts

say() { printf '\n== %s\n' "$*"; }
passed=0
failed=0
failures=()
check() { # check NAME CMD... — a gate counted as one test
  local name=$1
  shift
  say "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

say "system packages"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
for pkg in postgresql-15-postgis-3 chromium fonts-wqy-microhei poppler-utils docker-compose redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
    echo "apt-get install failed"
    exit 1
  }
fi

say "pnpm and dependencies"
if [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then npm install -g pnpm@12.4.2 >/dev/null || exit 1; fi
pnpm install --frozen-lockfile || exit 1

say "PostGIS"
# The read-replica test (api/__integration-tests__/read-replica.test.ts) starts a primary and a
# streaming replica of its own on free loopback ports with scripts/pg-replica.sh (the server
# binaries of postgresql-15, installed above; as root they run as the postgres user) and removes them.
# A database of this run's own (the test files' databases are named after the run too),
# dropped at the end: two runs on one server never meet. A given TEST_DATABASE_URL is used as is.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  export TEST_RUN_ID="$(date +%Y%m%d%H%M%S)_$$"
  test_db="streetgrid_test_${TEST_RUN_ID}"
  trap 'bash scripts/setup-postgis.sh --drop "$test_db" >/dev/null' EXIT
  bash scripts/setup-postgis.sh "$test_db" || exit 1
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/${test_db}"
fi
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

# The tests leave the checkout as they found it: git status the same, ./.data untouched.
status_before=$(git status --porcelain 2>/dev/null)
data_marker=$(mktemp)
had_data=false
[ -e .data ] && had_data=true

check "typecheck" pnpm typecheck
check "lint" pnpm lint
check "format:check" pnpm format:check
check "schema:check" pnpm schema:check
check "docker compose config" bash docker/validate.sh
check "build (web bundle for the browser tests)" pnpm build

say "jest: unit, integration (real PostGIS + embedded smoke), e2e"
rm -f artifacts/jest.json
pnpm test --ci --json --outputFile="$root/artifacts/jest.json"
jest_status=$?
if [ -f artifacts/jest.json ]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))' "$root/artifacts/jest.json")
  passed=$((passed + jp))
  failed=$((failed + jf))
  if [ "$jest_status" -ne 0 ] && [ "$jf" -eq 0 ]; then failed=$((failed + 1)); failures+=("jest exited $jest_status"); fi
else
  failed=$((failed + 1))
  failures+=("jest produced no report")
fi

checkout_clean() {
  local status_after changed
  status_after=$(git status --porcelain 2>/dev/null)
  if [ "$status_after" != "$status_before" ]; then
    echo "git status changed during the run:"
    diff <(echo "$status_before") <(echo "$status_after")
    return 1
  fi
  if [ -e .data ]; then
    if ! $had_data; then echo "the run created ./.data"; return 1; fi
    changed=$(find .data -newer "$data_marker" -print -quit)
    if [ -n "$changed" ]; then echo "the run wrote under ./.data (e.g. $changed)"; return 1; fi
  fi
  echo "checkout unchanged (git status, ./.data)"
}
check "checkout left clean" checkout_clean
rm -f "$data_marker"

[ ${#failures[@]} -gt 0 ] && printf '\nfailed gates: %s\n' "${failures[*]}"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
