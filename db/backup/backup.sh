#!/usr/bin/env bash
# Logical backup of the E-IMZO database: the cluster roles it needs (no passwords) and one consistent
# custom-format dump, with checksums. The CA, RA and responders keep running: pg_dump reads one snapshot.
#
# Connection from the libpq environment: PGHOST, PGPORT, PGDATABASE (default eimzo), PGUSER = the owner
# (migration) role, password from PGPASSWORD or ~/.pgpass. pg_dump must be of the server's major version or newer.
# CA keys (HSM or PKCS#12), responder key files and the personal-data key are NOT in here: back them up apart.
#
# Usage: db/backup/backup.sh <output directory>      (EIMZO_ROLE_PATTERN: roles to keep, default ^eimzo_)
set -euo pipefail
out="${1:?usage: backup.sh <output directory>}"
pattern="${EIMZO_ROLE_PATTERN:-^eimzo_}"
export PGDATABASE="${PGDATABASE:-eimzo}"
umask 077
mkdir -p "$out"

pg_dump --format=custom --compress=6 --file="$out/eimzo.dump"

# Roles are cluster-wide, so pg_dump leaves them out although its GRANTs name them. Keep only ours (never the
# target's superuser), and make CREATE ROLE idempotent so the file can be replayed on a cluster that has them.
pg_dumpall --roles-only --no-role-passwords --database="$PGDATABASE" | awk -v pattern="$pattern" '
  /^CREATE ROLE / { role = $3; sub(/;$/, "", role)
                    if (role ~ pattern) printf "DO $$BEGIN CREATE ROLE %s; EXCEPTION WHEN duplicate_object THEN NULL; END$$;\n", role
                    next }
  /^ALTER ROLE /  { if ($3 ~ pattern) print; next }
  /^GRANT .* TO / { line = $0; sub(/ GRANTED BY [^ ;]+/, "", line)
                    if ($2 ~ pattern) print line; next }
' > "$out/roles.sql"

pg_restore --list "$out/eimzo.dump" > /dev/null   # the archive reads back
(cd "$out" && sha256sum eimzo.dump roles.sql > SHA256SUMS)
echo "Backup of $PGDATABASE written to $out ($(du -h "$out/eimzo.dump" | cut -f1)): roles.sql, eimzo.dump, SHA256SUMS"
