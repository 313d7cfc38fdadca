#!/usr/bin/env bash
# Install (from Debian's packages) and start what the tests need besides Python:
# a private PostgreSQL server on a free port, and Chromium for the browser tests;
# for `make scale-test`, a private Redis server and nginx too.
# Source it: it exports PUENTE_TEST_POSTGRES_URL, PUENTE_TEST_REDIS_PORT and
# PUENTE_CHROMIUM, and `services_stop` stops what it started. PUENTE_SERVICES_DIR
# puts the servers' files elsewhere (the scale test's own, beside the tests').
set -euo pipefail

_services_root="${PUENTE_SERVICES_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/var/test-services}"

_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; return 1; fi
}

_apt_updated=""
_need_package() {  # _need_package COMMAND_OR_FILE PACKAGE...
  local probe=$1; shift
  if command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ]; then return; fi
  echo "Installing $* from Debian's packages"
  if [ -z "$_apt_updated" ]; then _as_root apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive _as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# A port kept for this shell while it lives (bot/bench/ports.py says why).
_free_port() { python3 "$(dirname "${BASH_SOURCE[0]}")/../bot/bench/ports.py" --for $$; }

start_postgres() {
  [ -n "$(_pg_bin)" ] || _need_package /usr/lib/postgresql postgresql
  local bin dir port run
  bin=$(_pg_bin); dir="$_services_root/postgres"; port=$(_free_port)
  rm -rf "$dir"; mkdir -p "$dir"
  run=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  "${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres puente_test
  export PUENTE_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/puente_test"
  echo "PostgreSQL test server on port $port"
}

stop_postgres() {
  local dir="$_services_root/postgres" run=()
  [ -d "$dir/data" ] || return 0
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$(_pg_bin)/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
}

start_redis() {
  _need_package redis-server redis-server
  local dir="$_services_root/redis" port
  port=$(_free_port)
  rm -rf "$dir"; mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" \
    --appendonly no --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/log"
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
  export PUENTE_TEST_REDIS_PORT="$port"
  echo "Redis test server on port $port"
}

stop_redis() {
  local pidfile="$_services_root/redis/redis.pid"
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
}

need_nginx() { _need_package nginx nginx; }

start_chromium() {
  _need_package chromium chromium
  export PUENTE_CHROMIUM="$(command -v chromium)"
}

services_start() { start_postgres; start_chromium; }
services_stop() { stop_postgres; }
