#!/usr/bin/env bash
# The one start command (README; `pnpm start` runs it too): from a fresh checkout, installs
# pnpm and the dependencies if needed, builds, and starts the whole app — API, GraphQL and
# the web app on one origin — on the embedded database in ./.data (or DATABASE_URL), seeding
# the demo street on first boot. PORT (default 4000), HOST (default 127.0.0.1) and DATA_DIR
# apply.
#
# A restart of an unchanged checkout skips each step whose inputs have not changed (so that
# it starts in seconds): the install when no manifest or lockfile is newer than the last
# install, `tsc -b` when no project's sources or configs are newer than its build info (tsc
# would find the same, in ~1 s), the web build when its inputs hash the same (web-build.ts).
# The server is then run by node directly, not through a pnpm script.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then npm install -g pnpm@12.4.2; fi

# Any of these newer than the file $1 (or $1 missing)?
newer_than() {
  local stamp=$1
  shift
  [ ! -e "$stamp" ] || [ -n "$(find "$@" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

INSTALLED=node_modules/.install-stamp
if newer_than "$INSTALLED" package.json pnpm-lock.yaml pnpm-workspace.yaml ./*/package.json; then
  pnpm install --frozen-lockfile
  touch "$INSTALLED"
fi

# tsc -b's projects (tsconfig.json): test files are outside api's and scripts' builds.
stale_project() {
  local project=$1
  shift
  newer_than "$project/tsconfig.tsbuildinfo" tsconfig.json tsconfig.base.json "$project/tsconfig.json" "$project/src" "$@"
}
if [ ! -f scripts/dist/start.js ] || [ ! -f api/dist/index.js ] || stale_project geo ||
  stale_project api -not -name '*.test.ts' || stale_project scripts -not -name '*.test.ts'; then
  node_modules/.bin/tsc -b
fi
node scripts/dist/web-build.js
exec node scripts/dist/start.js
