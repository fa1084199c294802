#!/usr/bin/env bash
# Restores an archive written by scripts/backup.sh (pg_dump custom format) into an empty database, all or nothing.
# Then start the app on that database: Flyway finds its history current, Quartz finds its jobs and triggers.
#
#   createdb imoc_restored                          # or any empty database the app's user may create objects in
#   scripts/restore.sh <file> <database>
#
# <database>  the empty target, as a postgresql:// URL, a jdbc:postgresql:// URL or an embedded database's port
#             (see scripts/backup.sh). A database that already has tables is refused rather than merged into.
#
# Ownership and grants are not restored (--no-owner --no-privileges): the objects belong to the user restoring them,
# which the app then connects as, and roles of the old server need not exist on the new one. Needs pg_restore and
# psql of the archive's pg_dump version or newer (PG_BIN as in backup.sh).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

file="$1"
database="$2"
pg_restore="${PG_BIN:+$PG_BIN/}pg_restore"
psql="${PG_BIN:+$PG_BIN/}psql"

for tool in "$pg_restore" "$psql"; do
  if ! command -v "$tool" >/dev/null; then
    echo "restore.sh: $tool not found. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client)," \
      "or set PG_BIN to their directory." >&2
    exit 1
  fi
done
if [[ ! -r "$file" ]]; then
  echo "restore.sh: cannot read the archive $file." >&2
  exit 1
fi

case "$database" in
  jdbc:postgresql://*) url="${database#jdbc:}" ;;
  postgresql://* | postgres://*) url="$database" ;;
  *[!0-9]* | '') echo "restore.sh: '$database' is neither a postgresql:// URL, a jdbc:postgresql:// URL nor a port." >&2
    exit 2 ;;
  *) url="postgresql://postgres@localhost:$database/postgres" ;;
esac

tables=$("$psql" --no-psqlrc --quiet --tuples-only --no-align --dbname="$url" --command="
  select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'S', 'v', 'm')
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'")
if [[ "$tables" != "0" ]]; then
  echo "restore.sh: the target database is not empty ($tables tables, sequences or views); restore into an empty one" \
    "(createdb) so nothing is mixed with old data." >&2
  exit 1
fi

# One transaction: on any error nothing is left behind and the target stays empty.
"$pg_restore" --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$url" "$file"
echo "Restored $file; start the app on this database."
