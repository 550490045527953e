#!/usr/bin/env bash
# Make a local PostgreSQL 15 + PostGIS 3 database ready for tests, on Debian 12.
#
#   scripts/setup-postgis.sh [DBNAME]        # DBNAME defaults to streetgrid_test
#   scripts/setup-postgis.sh --drop DBNAME   # drop DBNAME (and the per-file databases of a
#                                            # test run, sg_test_<run>_*, when DBNAME is
#                                            # streetgrid_test_<run>), e.g. after scripts/test.sh
#
# Idempotent, for CI and developers: installs postgresql-15-postgis-3 only when PostGIS is
# not available and the package is missing, starts cluster 15/main only when it is down,
# creates DBNAME (owner postgres) only when absent, then makes sure the postgis and ltree
# extensions exist in it. About 0.1 s when everything is already there.
#
# Connects as `psql -h 127.0.0.1 -U postgres` and expects trust authentication for it
# (the setup of the project's machines). When this script installs the server itself, it
# configures exactly that; on an existing cluster it never edits pg_hba.conf.
# Then: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/DBNAME
# Same PostgreSQL/PostGIS majors as docker/compose.yaml's db image (postgis/postgis:15-3.3).
set -euo pipefail

DROP=false
if [ "${1:-}" = "--drop" ]; then
  DROP=true
  shift
  [ -n "${1:-}" ] || { printf 'setup-postgis: error: --drop needs a database name\n' >&2; exit 2; }
fi
DB="${1:-streetgrid_test}"
PG_VERSION=15
PG_CLUSTER=main
PACKAGE="postgresql-${PG_VERSION}-postgis-3"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-30}"
PSQL=(psql -h 127.0.0.1 -U postgres -w -v ON_ERROR_STOP=1 -X -q -A -t)

log() { printf 'setup-postgis: %s\n' "$*"; }
die() { printf 'setup-postgis: error: %s\n' "$*" >&2; exit 1; }

# Root for apt-get and pg_ctlcluster: run them directly as root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ready() { pg_isready -h 127.0.0.1 -t 2 -q 2>/dev/null; }

# "Can psql create extension postgis here?" = the server answers and has PostGIS available.
postgis_available() {
  command -v psql >/dev/null 2>&1 && ready \
    && [ "$("${PSQL[@]}" -d postgres -c "select 1 from pg_available_extensions where name = 'postgis'" 2>/dev/null)" = 1 ]
}

# --drop: only the server's answer matters; nothing is installed or started for it.
if $DROP; then
  run="${DB#streetgrid_test_}"
  dbs=("$DB")
  if [ "$run" != "$DB" ] && [ -n "$run" ]; then
    while IFS= read -r name; do [ -n "$name" ] && dbs+=("$name"); done < <("${PSQL[@]}" -d postgres -v prefix="sg_test_${run}_" <<<"select datname from pg_database where starts_with(datname, :'prefix');")
  fi
  for name in "${dbs[@]}"; do
    "${PSQL[@]}" -d postgres -v db="$name" <<<'set client_min_messages = warning; drop database if exists :"db" with (force);'
  done
  log "dropped ${dbs[*]}"
  exit 0
fi

installed_now=false

# 1. The package, only when PostGIS is not usable and the package is missing.
if postgis_available; then
  log "postgis: available on the running server"
elif [[ "$(dpkg -s "$PACKAGE" 2>/dev/null || true)" == *"Status: install ok installed"* ]]; then
  log "package $PACKAGE: already installed"
else
  log "package $PACKAGE: installing (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null
  installed_now=true
  log "package $PACKAGE: installed"
fi

# 2. A freshly installed cluster allows only password/peer logins over TCP; give it the
#    trust login for postgres on loopback that the tests use. Never done to an existing cluster.
if $installed_now; then
  hba="/etc/postgresql/${PG_VERSION}/${PG_CLUSTER}/pg_hba.conf"
  if [ -f "$hba" ] && ! as_root grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
    as_root sed -i -e '1i host all postgres 127.0.0.1/32 trust' -e '1i host all postgres ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" reload 2>/dev/null || true
    log "cluster ${PG_VERSION}/${PG_CLUSTER}: trust login for postgres on 127.0.0.1 and ::1 added to pg_hba.conf"
  fi
fi

# 3. The server, only when it is down (exit code 2 = already running: fine).
if ready; then
  log "cluster ${PG_VERSION}/${PG_CLUSTER}: running"
else
  rc=0
  out="$(as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start 2>&1)" || rc=$?
  case $rc in
    0) log "cluster ${PG_VERSION}/${PG_CLUSTER}: started" ;;
    2) log "cluster ${PG_VERSION}/${PG_CLUSTER}: already running" ;;
    *) die "pg_ctlcluster ${PG_VERSION} ${PG_CLUSTER} start failed (exit $rc): $out" ;;
  esac
  # 4. Wait for it, bounded.
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until ready; do
    [ "$SECONDS" -lt "$deadline" ] || die "server on 127.0.0.1 not ready after ${READY_TIMEOUT_S}s"
    sleep 0.2
  done
  log "cluster ${PG_VERSION}/${PG_CLUSTER}: accepting connections"
fi

"${PSQL[@]}" -d postgres -c 'select 1' >/dev/null 2>&1 \
  || die "psql -h 127.0.0.1 -U postgres cannot log in: it needs trust authentication for postgres on 127.0.0.1 in pg_hba.conf"

# 5. The database (identifier quoted by psql's :"db"; variables are not expanded in -c).
if [ "$("${PSQL[@]}" -d postgres -v db="$DB" <<<"select 1 from pg_database where datname = :'db';")" = 1 ]; then
  log "database $DB: exists"
else
  "${PSQL[@]}" -d postgres -v db="$DB" <<<'create database :"db" owner postgres;'
  log "database $DB: created"
fi

# 6. The extensions.
before="$("${PSQL[@]}" -d "$DB" -c "select string_agg(extname, ' ' order by extname) from pg_extension where extname in ('postgis', 'ltree')")"
"${PSQL[@]}" -d "$DB" -c 'set client_min_messages = warning; create extension if not exists postgis; create extension if not exists ltree;'
versions="$("${PSQL[@]}" -d "$DB" -c "select string_agg(extname || ' ' || extversion, ', ' order by extname) from pg_extension where extname in ('postgis', 'ltree')")"
if [ "$before" = "ltree postgis" ]; then
  log "extensions in $DB: present ($versions)"
else
  log "extensions in $DB: created where missing ($versions)"
fi
