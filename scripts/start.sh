#!/usr/bin/env bash
# The one start command (README): from a fresh checkout, installs pnpm and the
# dependencies if needed, builds, and starts the whole app — API, GraphQL and the web
# app on one origin — on the embedded database in ./.data (or DATABASE_URL), seeding the
# demo street on first boot. PORT (default 4000) and HOST (default 127.0.0.1) apply.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then npm install -g pnpm@12.4.2; fi
pnpm install --frozen-lockfile
exec pnpm start
