#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on a free local port; print the export line for its URL.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
bin=/usr/lib/postgresql/$ver/bin
dir=$(mktemp -d /tmp/guillemets-pg.XXXXXX)
chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start" >/dev/null
su postgres -c "$bin/psql -h 127.0.0.1 -p $port -U postgres -qc 'CREATE DATABASE guillemets_test'" >/dev/null
echo "GUILLEMETS_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$port/guillemets_test"
echo "GUILLEMETS_PG_STOP='su postgres -c \"$bin/pg_ctl -D $dir/data -m fast stop\"'"
