#!/usr/bin/env bash
# Backs up the IMOC Scheduler database into one pg_dump archive (custom format). pg_dump reads one snapshot, so the
# app may keep running; the archive holds the schema, Flyway's history, Quartz's jobs and triggers, and all data.
#
#   scripts/backup.sh <database> [file]
#
# <database>  a libpq URL:       postgresql://imoc:secret@db.example.com:5432/imoc
#             or the app's JDBC URL (the "jdbc:" is dropped; user and password as ?user=&password= or PGUSER/PGPASSWORD):
#                                jdbc:postgresql://db.example.com:5432/imoc
#             or the embedded database's port, from the start-up log line "Database: embedded PostgreSQL on port …":
#                                54321
# [file]      the archive to write; default imoc-<date>.dump. Restore it with scripts/restore.sh.
#
# pg_dump must be of the server's major version or newer (the embedded database is PostgreSQL 17). It comes with the
# PostgreSQL client tools (Debian: apt-get install postgresql-client); PG_BIN=/usr/lib/postgresql/17/bin picks one.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

database="$1"
file="${2:-imoc-$(date +%F).dump}"
pg_dump="${PG_BIN:+$PG_BIN/}pg_dump"

if ! command -v "$pg_dump" >/dev/null; then
  echo "backup.sh: $pg_dump not found. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client)" \
    "of the server's major version or newer, or set PG_BIN to their directory." >&2
  exit 1
fi

case "$database" in
  jdbc:postgresql://*) url="${database#jdbc:}" ;;
  postgresql://* | postgres://*) url="$database" ;;
  *[!0-9]* | '') echo "backup.sh: '$database' is neither a postgresql:// URL, a jdbc:postgresql:// URL nor a port." >&2
    exit 2 ;;
  *) url="postgresql://postgres@localhost:$database/postgres" ;;
esac

# Written beside the target and renamed at the end, so a failed dump never leaves a file that looks like a backup.
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
if ! "$pg_dump" --format=custom --no-owner --file="$partial" --dbname="$url"; then
  echo "backup.sh: pg_dump failed. On \"server version mismatch\", use the client tools of the server's major" \
    "version or newer (PG_BIN)." >&2
  exit 1
fi
mv "$partial" "$file"
echo "Backed up to $file"
