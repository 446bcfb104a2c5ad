#!/bin/bash
# Scale profile (README "Scaling"): the streaming standby. On an empty data folder it
# clones the primary with `pg_basebackup -R` (standby.signal + primary_conninfo, a
# replication slot so the primary keeps the WAL the standby still needs), then starts
# PostgreSQL as a hot standby through the image's own entrypoint.
set -euo pipefail
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
PRIMARY_HOST="${PRIMARY_HOST:-db-primary}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup \
      --host="$PRIMARY_HOST" --username=replicator --pgdata="$PGDATA" \
      --write-recovery-conf --wal-method=stream --checkpoint=fast \
      --create-slot --slot=kelurahan_replica; do
    echo "waiting for the primary $PRIMARY_HOST ..." >&2
    rm -rf "${PGDATA:?}"/*
    sleep 5
  done
fi
exec docker-entrypoint.sh postgres -c hot_standby=on "$@"
