#!/bin/sh
# Runs once, on an empty data directory (the postgres image's /docker-entrypoint-initdb.d), as the superuser.
# Creates the roles of db/migrations/V7__roles.sql with passwords (V7 creates them without, if missing), and the
# database owned by the migration role. The roles' privileges come from the migrations, not from here.
# Passwords are read from files (Docker or Kubernetes secrets) named by the *_FILE variables.
set -eu
read_secret() { tr -d '\n' < "$1"; }
admin_password="$(read_secret "${EIMZO_ADMIN_PASSWORD_FILE:?}")"
app_password="$(read_secret "${EIMZO_APP_PASSWORD_FILE:?}")"
responder_password="$(read_secret "${EIMZO_RESPONDER_PASSWORD_FILE:?}")"
replication_password=""
if [ -n "${EIMZO_REPLICATION_PASSWORD_FILE:-}" ]; then
  replication_password="$(read_secret "$EIMZO_REPLICATION_PASSWORD_FILE")"
fi

# psql variables (:'name') quote the values: a password can hold any character.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v admin_password="$admin_password" -v app_password="$app_password" \
  -v responder_password="$responder_password" -v replication_password="$replication_password" \
  -v database="${EIMZO_DATABASE:-eimzo}" <<'SQL'
-- eimzo_admin owns the schema and runs the migrations (the migrate job, the ceremony CLI); nothing else uses it.
create role eimzo_admin login password :'admin_password';
-- The CA/RA application and the OCSP responder: privileges granted by the migrations (V7).
create role eimzo_app login password :'app_password';
create role eimzo_responder login password :'responder_password';
select :'replication_password' <> '' as with_replica \gset
\if :with_replica
create role eimzo_replication login replication password :'replication_password';
\endif
create database :"database" owner eimzo_admin;
\connect :"database"
-- PostgreSQL 15+ gives schema public to the database owner; say it anyway, for older servers too.
alter schema public owner to eimzo_admin;
revoke all on database :"database" from public;
grant connect on database :"database" to eimzo_app, eimzo_responder;
-- V7 grants on the tables that existed when it ran; tables of later migrations (V8 audit_checkpoint, ...) are
-- created by eimzo_admin and get these defaults, which their migration may narrow (V8 revokes update/delete).
alter default privileges for role eimzo_admin in schema public
  grant select, insert, update, delete on tables to eimzo_app;
alter default privileges for role eimzo_admin in schema public
  grant select on tables to eimzo_responder;
alter default privileges for role eimzo_admin in schema public
  grant usage, select on sequences to eimzo_app, eimzo_responder;
SQL
