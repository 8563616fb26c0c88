#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback, for the tests of
# services generated with `--db postgres`: installs Debian's postgresql if absent,
# starts a fresh cluster on a free port, exports SPECFORGE_TEST_DATABASE_URL, runs the
# command, then stops the server and removes its files.
#   scripts/with-postgres.sh cargo test
set -euo pipefail

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql > /dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: root runs it as the package's own user.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi
data=$(mktemp -d /tmp/specforge-postgres.XXXXXX)
chmod 755 "$data"
[ "$(id -u)" = 0 ] && chown postgres "$data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_owner[@]}" "$bin/initdb" -D "$data/cluster" -U specforge --auth=trust > "$data/initdb.log"
"${as_owner[@]}" "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $data" start > /dev/null
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$data/cluster" -m fast stop > /dev/null || true
  rm -rf "$data"
}
trap stop EXIT
"${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U specforge specforge_test

export SPECFORGE_TEST_DATABASE_URL="postgres://specforge@127.0.0.1:$port/specforge_test"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
