-- Runs once, when the db service initialises an empty data volume
-- (/docker-entrypoint-initdb.d, as the superuser, in $POSTGRES_DB). It runs before the
-- image's own 10_postgis.sh, which also uses IF NOT EXISTS. The API's first migration
-- creates the same extensions; creating them here lets the API connect as a role that is
-- not a superuser (postgis is not a trusted extension).
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS ltree;
