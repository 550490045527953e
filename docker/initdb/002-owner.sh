#!/bin/sh
# Runs once, when the db service initialises an empty data volume (/docker-entrypoint-initdb.d,
# after 001-extensions.sql, as the superuser). Creates the role the API connects as: it owns
# the database and its schema, so migrations run as it, but it is not a superuser and cannot
# bypass row-level security (the migrations force RLS on every table and give this owner its
# own policy). CREATEROLE lets the first migration create the per-viewer roles (sg_*) the API
# switches to in each transaction; NOINHERIT keeps their policies off the owner itself.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_user="${STREETGRID_DB_USER:-streetgrid_app}" -v app_password="$STREETGRID_DB_PASSWORD" -v db="$POSTGRES_DB" <<'EOSQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password' NOSUPERUSER CREATEROLE NOBYPASSRLS NOINHERIT;
ALTER DATABASE :"db" OWNER TO :"app_user";
ALTER SCHEMA public OWNER TO :"app_user";
EOSQL
