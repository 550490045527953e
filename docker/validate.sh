#!/usr/bin/env bash
# Validate docker/compose.yaml without a Docker engine, for CI and developers:
#   docker/validate.sh
# Uses `docker compose config` (Compose v2) when the plugin is installed, otherwise Debian's
# `docker-compose` 1.29 (`apt-get install docker-compose`), which predates the top-level
# `name:` key: that line is dropped for it. Checks the default services and the replicas
# profile, and that the required secrets are enforced.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'docker/validate: %s\n' "$*"; }

if docker compose version >/dev/null 2>&1; then
  tool="docker compose v2"
  compose_config() { docker compose -p streetgrid -f compose.yaml "$@" config -q; }
elif command -v docker-compose >/dev/null 2>&1; then
  tool="docker-compose $(docker-compose version --short 2>/dev/null || echo v1)"
  compose_config() { grep -v '^name:' compose.yaml | docker-compose -p streetgrid -f - "$@" config -q; }
else
  say "neither 'docker compose' nor 'docker-compose' is installed (apt-get install docker-compose)" >&2
  exit 1
fi

# Secrets only need to be set, not real, for validation.
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-validate-only}"
export JWT_SECRET="${JWT_SECRET:-validate-only}"
export STREETGRID_DB_PASSWORD="${STREETGRID_DB_PASSWORD:-validate-only}"

compose_config
say "compose.yaml: default services valid ($tool)"
compose_config --profile replicas
say "compose.yaml: profile replicas valid ($tool)"

# Without the secrets, compose must refuse (skipped when docker/.env provides them).
if [ ! -f .env ]; then
  for var in POSTGRES_PASSWORD JWT_SECRET STREETGRID_DB_PASSWORD; do
    if (unset "$var"; compose_config >/dev/null 2>&1); then
      say "compose.yaml: $var is not enforced" >&2
      exit 1
    fi
  done
  say "compose.yaml: POSTGRES_PASSWORD, JWT_SECRET and STREETGRID_DB_PASSWORD are required"
fi
