#!/usr/bin/env bash
# make scale-test: Puente's production topology on this machine, under load.
# Installs and starts PostgreSQL and Redis (Debian's packages, private servers on
# free ports) and installs nginx, then runs the driver (python -m bot.scale), which
# starts the replicas behind nginx, drives the conversations, kills a Rasa replica
# midway and prints one line. Arguments go to the driver: --conversations 40 for a
# shorter run (200 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
export PUENTE_SERVICES_DIR="$PWD/var/scale-services"
source scripts/services.sh
need_nginx
start_postgres
start_redis
trap 'stop_redis; stop_postgres' EXIT
PUENTE_SCALE_POSTGRES_URL="$PUENTE_TEST_POSTGRES_URL" \
PUENTE_SCALE_REDIS_PORT="$PUENTE_TEST_REDIS_PORT" \
  .venv/bin/python -m bot.scale "$@"
