#!/bin/sh
# Runs once, when the db service initialises an empty data volume (after 002-owner.sh). Lets the
# read replica (service db-replica, profile replicas) stream from this server: replication
# connections from the compose network with a password. wal_level is already `replica` (the
# default) and max_wal_senders 10; the replica creates its own slot with pg_basebackup -C.
set -eu
printf '%s\n' "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
