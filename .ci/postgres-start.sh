#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the claim-history tests and prints its JDBC URL on stdout (last line).
# Installs the Debian package when no server binaries are found. Data lives in a temp dir; the server listens on
# 127.0.0.1 only, on a free port. Stop it with: pg_ctl -D "$PGDATA" stop (the path is printed on stderr).
#   export TOOTHCOMB_PG_URL="$(bash .ci/postgres-start.sh | tail -1)"
set -euo pipefail

find_bin() {
  local name="$1" c
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for c in /usr/lib/postgresql/*/bin/"$name"; do
    if [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}

if ! find_bin initdb >/dev/null || ! find_bin pg_ctl >/dev/null; then
  echo "postgres-start: installing PostgreSQL (Debian package postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
INITDB="$(find_bin initdb)"
PG_CTL="$(find_bin pg_ctl)"

# initdb refuses to run as root: use the postgres account when we are root
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
  RUN=(runuser -u postgres --)
fi

BASE="$(mktemp -d /tmp/toothcomb-pg.XXXXXX)"
chmod 755 "$BASE"
[ "${#RUN[@]}" -gt 0 ] && chown postgres "$BASE"
PGDATA="$BASE/data"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))"
PASSWORD="tc$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "$PASSWORD" > "$BASE/pw"
[ "${#RUN[@]}" -gt 0 ] && chown postgres "$BASE/pw"

"${RUN[@]}" "$INITDB" -D "$PGDATA" -U toothcomb --pwfile="$BASE/pw" -A scram-sha-256 -E UTF8 >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$PG_CTL" -D "$PGDATA" -l "$BASE/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE" start >&2 \
  || { cat "$BASE/server.log" >&2; exit 1; }
echo "postgres-start: running on 127.0.0.1:$PORT, data in $PGDATA; stop with: ${RUN[*]} $PG_CTL -D $PGDATA stop" >&2
echo "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=toothcomb&password=$PASSWORD"
