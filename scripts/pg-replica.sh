#!/usr/bin/env bash
# A local PostgreSQL 15 streaming replica (and, for tests, a throwaway primary) on this machine.
#
#   scripts/pg-replica.sh start   [--primary HOST:PORT] [--port 5433] [--dir /tmp/sg-replica-5433] [--slot NAME]
#   scripts/pg-replica.sh stop    [--port 5433] [--dir …]       # fast shutdown; data kept (start again resumes)
#   scripts/pg-replica.sh destroy [--port 5433] [--dir …]       # stop, drop its slot on the primary, remove the data
#   scripts/pg-replica.sh status  [--port 5433] [--dir …]
#   scripts/pg-replica.sh primary-start --port 5442 [--dir /tmp/sg-primary-5442]   # a fresh primary cluster (tests)
#   scripts/pg-replica.sh primary-stop  --port 5442 [--dir …]  [--destroy]
#
# `start` makes the replica with `pg_basebackup -R` (standby.signal + primary_conninfo) using a
# physical replication slot on the primary (so the primary keeps the WAL the replica has not had),
# on its own port and data directory under /tmp, and waits until it accepts read-only connections.
# A replica whose data directory already exists is just started again (it catches up from the slot).
#
# The primary is configured only when it must be, and without a restart (it is shared):
#   - wal_level must already be replica or logical (the default; changing it needs a restart: refused
#     with a message instead);
#   - max_wal_senders / max_replication_slots must be > 0 (defaults 10);
#   - pg_hba.conf needs a `replication` line for 127.0.0.1 (`host all …` does not cover replication
#     connections; Debian's default one asks for a password): when a replication connection is refused,
#     one `host replication <PG_USER> 127.0.0.1/32 trust` line goes on top of the primary's hba_file
#     (this machine's own cluster, as CI's 15/main started by scripts/setup-postgis.sh), then
#     `SELECT pg_reload_conf()`.
# Idempotent: running `start` twice leaves one replica, one slot, one pg_hba line.
#
# As root the server runs as the `postgres` user (initdb and postgres refuse root). Binaries from
# PG_BIN (default /usr/lib/postgresql/15/bin). Connects as PG_USER (default postgres), trust auth on
# loopback, the setup of scripts/setup-postgis.sh.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER="${PG_USER:-postgres}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-60}"

cmd="${1:-}"
[ -n "$cmd" ] && shift
primary="127.0.0.1:5432"
port=""
dir=""
slot=""
destroy=false
while [ $# -gt 0 ]; do
  case "$1" in
    --primary) primary="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --slot) slot="$2"; shift 2 ;;
    --destroy) destroy=true; shift ;;
    *) printf 'pg-replica: unknown argument %s\n' "$1" >&2; exit 2 ;;
  esac
done

log() { printf 'pg-replica: %s\n' "$*"; }
die() { printf 'pg-replica: error: %s\n' "$*" >&2; exit 1; }

# Run as the server's OS user: postgres when we are root, else ourselves.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

primary_host="${primary%:*}"
primary_port="${primary##*:}"
psql_primary() { "$PG_BIN/psql" -h "$primary_host" -p "$primary_port" -U "$PG_USER" -d postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
ready() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$1" -t 2 -q 2>/dev/null; }
wait_ready() { # wait_ready PORT WHAT
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until ready "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || die "$2 on port $1 not ready after ${READY_TIMEOUT_S}s (log: $3)"
    sleep 0.2
  done
}

# Start a cluster in DIR on PORT, listening on loopback only, logging to DIR/server.log.
pg_start() { # pg_start DIR PORT
  as_pg "$PG_BIN/pg_ctl" -D "$1" -l "$1/server.log" -w -t "$READY_TIMEOUT_S" \
    -o "-p $2 -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp" start >/dev/null
}
pg_stop() { # pg_stop DIR
  if [ -f "$1/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$1" -m fast -w -t "$READY_TIMEOUT_S" stop >/dev/null 2>&1 || true
  fi
}
running() { [ -f "$1/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

# The primary's setup, changed only where it must be and never with a restart.
prepare_primary() {
  psql_primary -c 'select 1' >/dev/null 2>&1 || die "cannot connect to the primary at $primary as $PG_USER"
  local wal senders slots
  wal=$(psql_primary -c 'show wal_level')
  senders=$(psql_primary -c 'show max_wal_senders')
  slots=$(psql_primary -c 'show max_replication_slots')
  [ "$wal" = replica ] || [ "$wal" = logical ] \
    || die "the primary's wal_level is '$wal': set it to replica (ALTER SYSTEM SET wal_level = replica) and restart it once"
  [ "$senders" -gt 0 ] && [ "$slots" -gt 0 ] \
    || die "the primary has max_wal_senders=$senders, max_replication_slots=$slots: both must be > 0 (needs a restart)"
  # Can we open a replication connection? (pg_hba's `all` does not match replication.)
  if ! "$PG_BIN/psql" "host=$primary_host port=$primary_port user=$PG_USER replication=true dbname=replication" \
    -X -q -A -t -c 'IDENTIFY_SYSTEM' >/dev/null 2>&1; then
    local hba
    hba=$(psql_primary -c 'show hba_file')
    [ -w "$hba" ] || [ "$(id -u)" -eq 0 ] || die "replication connections are refused by $hba and it is not writable here"
    # First match wins: on top, before Debian's own `host replication all 127.0.0.1/32 scram-sha-256`.
    local line="host replication $PG_USER 127.0.0.1/32 trust"
    if ! grep -Eq "^[[:space:]]*host[[:space:]]+replication[[:space:]]+$PG_USER[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust" "$hba"; then
      sed -i -e "1i $line" -e '1i # (above: added by streetgrid scripts/pg-replica.sh for local streaming replicas)' "$hba"
      log "primary: '$line' added on top of $hba"
    fi
    psql_primary -c 'select pg_reload_conf()' >/dev/null
    sleep 0.3
    "$PG_BIN/psql" "host=$primary_host port=$primary_port user=$PG_USER replication=true dbname=replication" \
      -X -q -A -t -c 'IDENTIFY_SYSTEM' >/dev/null 2>&1 || die "replication connections to $primary are still refused (see $hba)"
    log "primary: replication connections allowed (configuration reloaded, no restart)"
  fi
}

case "$cmd" in
  start)
    port="${port:-5433}"
    dir="${dir:-/tmp/sg-replica-$port}"
    slot="${slot:-sg_replica_$port}"
    if running "$dir"; then
      log "replica on port $port: already running ($dir)"
      exit 0
    fi
    ready "$port" && die "port $port is taken by another server"
    prepare_primary
    if [ ! -f "$dir/standby.signal" ]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      # The slot first (idempotent), so the WAL from the backup's start on is kept for the replica.
      psql_primary -v slot="$slot" <<<"select pg_create_physical_replication_slot(:'slot') where not exists
        (select 1 from pg_replication_slots where slot_name = :'slot');" >/dev/null
      started=$SECONDS
      as_pg "$PG_BIN/pg_basebackup" -h "$primary_host" -p "$primary_port" -U "$PG_USER" -D "$dir" \
        -R -X stream -S "$slot" -c fast -w >/dev/null
      # A Debian cluster keeps postgresql.conf and pg_hba.conf in /etc, outside the data directory.
      [ -f "$dir/postgresql.conf" ] || as_pg sh -c "printf '%s\n' \"# streetgrid replica\" >'$dir/postgresql.conf'"
      [ -f "$dir/pg_hba.conf" ] || as_pg sh -c "printf '%s\n' \"local all all trust\" \"host all all 127.0.0.1/32 trust\" \
        \"host replication all 127.0.0.1/32 trust\" >'$dir/pg_hba.conf'"
      # Its own server settings (the primary's postgresql.auto.conf came along in the copy).
      as_pg sh -c "printf '%s\n' \"hot_standby = on\" \"hot_standby_feedback = on\" \"wal_receiver_status_interval = 1s\" >>'$dir/postgresql.auto.conf'"
      log "replica: base backup of $primary into $dir in $((SECONDS - started)) s (slot $slot)"
    fi
    pg_start "$dir" "$port"
    wait_ready "$port" replica "$dir/server.log"
    log "replica on 127.0.0.1:$port streaming from $primary (stop: $0 stop --port $port)"
    ;;
  stop)
    port="${port:-5433}"
    dir="${dir:-/tmp/sg-replica-$port}"
    pg_stop "$dir"
    log "replica on port $port: stopped"
    ;;
  destroy)
    port="${port:-5433}"
    dir="${dir:-/tmp/sg-replica-$port}"
    slot="${slot:-sg_replica_$port}"
    pg_stop "$dir"
    if psql_primary -c 'select 1' >/dev/null 2>&1; then
      psql_primary -v slot="$slot" <<<"select pg_drop_replication_slot(slot_name) from pg_replication_slots
        where slot_name = :'slot' and not active;" >/dev/null
    fi
    rm -rf "$dir"
    log "replica on port $port: destroyed (slot $slot dropped)"
    ;;
  status)
    port="${port:-5433}"
    dir="${dir:-/tmp/sg-replica-$port}"
    if running "$dir"; then
      "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -X -A -t -c \
        "select 'in recovery: ' || pg_is_in_recovery() || ', replayed up to ' || pg_last_wal_replay_lsn()"
    else
      log "replica on port $port: not running"
      exit 3
    fi
    ;;
  primary-start)
    [ -n "$port" ] || die "primary-start needs --port"
    dir="${dir:-/tmp/sg-primary-$port}"
    if running "$dir"; then
      log "primary on port $port: already running ($dir)"
      exit 0
    fi
    ready "$port" && die "port $port is taken by another server"
    if [ ! -f "$dir/PG_VERSION" ]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      as_pg "$PG_BIN/initdb" -D "$dir" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
      as_pg sh -c "printf '%s\n' \"host replication all 127.0.0.1/32 trust\" >>'$dir/pg_hba.conf'"
      as_pg sh -c "printf '%s\n' \"wal_level = replica\" \"max_wal_senders = 10\" \"max_replication_slots = 10\" \
        \"fsync = off\" \"full_page_writes = off\" \"shared_buffers = 64MB\" >>'$dir/postgresql.conf'"
      log "primary: initdb in $dir (fsync off: for tests only)"
    fi
    pg_start "$dir" "$port"
    wait_ready "$port" primary "$dir/server.log"
    log "primary on 127.0.0.1:$port"
    ;;
  primary-stop)
    [ -n "$port" ] || die "primary-stop needs --port"
    dir="${dir:-/tmp/sg-primary-$port}"
    pg_stop "$dir"
    if $destroy; then rm -rf "$dir"; fi
    log "primary on port $port: stopped$($destroy && echo ' and removed')"
    ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2
    ;;
esac
