#!/usr/bin/env bash
# Restores a backup made by backup.sh into a cluster that does not yet have the database: roles first (without
# passwords: set them afterwards with ALTER ROLE ... PASSWORD), then the database with its owner, grants,
# triggers, sequences and Flyway history, then fresh planner statistics.
#
# Connection from the libpq environment: PGHOST, PGPORT, PGUSER = a superuser of the target cluster (it creates
# roles and the database, and gives objects back to their owner), PGPASSWORD or ~/.pgpass.
# The database gets its original name (eimzo); the procedure in docs/backup-restore.md says how to verify it.
#
# Usage: db/backup/restore.sh <backup directory>
set -euo pipefail
in="${1:?usage: restore.sh <backup directory>}"
(cd "$in" && sha256sum --check --quiet SHA256SUMS)

psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 --dbname=postgres --file="$in/roles.sql"

name="$(pg_restore --list "$in/eimzo.dump" | sed -n 's/^;[[:space:]]*dbname: //p')"
if [ -n "$(psql --no-psqlrc -tA --dbname=postgres -c "select 1 from pg_database where datname = '$name'")" ]; then
  echo "Database $name already exists here: restore into an empty cluster, or drop it first" >&2
  exit 1
fi
# --create makes the database with its original owner and settings; any error stops the restore, which then must be
# repeated after dropping the half-restored database.
pg_restore --create --exit-on-error --dbname=postgres "$in/eimzo.dump"
vacuumdb --analyze-only --quiet --dbname="$name"
echo "Restored database $name; now set the roles' passwords, then verify (docs/backup-restore.md)"
