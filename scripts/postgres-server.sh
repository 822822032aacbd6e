#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and benchmarks (and for trying shards without Docker):
#
#   scripts/postgres-server.sh start DIR PORT   # initdb in DIR/data, listen on 127.0.0.1:PORT; prints the URL
#   scripts/postgres-server.sh stop DIR         # fast shutdown (DIR stays; delete it yourself)
#   scripts/postgres-server.sh kill DIR         # immediate shutdown, as a crash (no checkpoint)
#   scripts/postgres-server.sh restart DIR      # start again after stop or kill, same port and data
#
# Never touches a system cluster: its own data directory, its own port, unix socket inside DIR. PostgreSQL refuses
# to run as root, so as root the server runs as the unprivileged system user `lockstep-pg`, created when missing.
# Binaries: initdb/pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin (Debian's layout); when neither is
# there, scripts/system-deps.sh installs Debian's `postgresql` package. Trust authentication on loopback only:
# this server is for tests on this machine, never for data that matters.
set -euo pipefail

RUN_AS=lockstep-pg
SUPERUSER=lockstep

usage() {
  echo "usage: $0 start DIR PORT | stop DIR | kill DIR | restart DIR" >&2
  exit 2
}

bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$newest" ] || [ ! -x "$newest/pg_ctl" ]; then
    echo "postgres-server: no PostgreSQL binaries (initdb, pg_ctl); run scripts/system-deps.sh or apt-get install postgresql" >&2
    exit 1
  fi
  echo "$newest"
}

# Runs a command as the server's user: that user when root, else the caller.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
}

pg_ctl_in() {
  local dir=$1
  shift
  as_server "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 "$@"
}

start() {
  local dir=$1 port=$2 bin
  bin=$(bindir)
  ensure_user
  mkdir -p "$dir"
  # The server's user must reach DIR (its parents are the caller's temp directory, world-searchable).
  [ "$(id -u)" -eq 0 ] && chown "$RUN_AS" "$dir"
  chmod 700 "$dir"
  echo "$bin" >"$dir/bindir"
  echo "$port" >"$dir/port"
  as_server "$bin/initdb" -D "$dir/data" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
EOF
  pg_ctl_in "$dir" start -o "-p $port" >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "postgresql://$SUPERUSER@127.0.0.1:$port/postgres"
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
case "$command" in
  start)
    [ $# -eq 3 ] || usage
    start "$dir" "$3"
    ;;
  stop) pg_ctl_in "$dir" stop -m fast >/dev/null ;;
  kill) pg_ctl_in "$dir" stop -m immediate >/dev/null ;;
  restart) pg_ctl_in "$dir" start -o "-p $(cat "$dir/port")" >/dev/null ;;
  *) usage ;;
esac
