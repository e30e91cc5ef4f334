#!/usr/bin/env bash
# Makes sure everything `make test` needs outside the virtualenv is installed and running:
# PostgreSQL (a running cluster with the connected_places role and database), a Redis
# server on 127.0.0.1:6379, Chromium for the browser tests, and Node.js for the assets.
# Installs what is missing with apt (as root, or through sudo). Idempotent, and silent
# when everything is already in place.
set -euo pipefail

PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-connected_places}"
PG_PASSWORD="${PG_PASSWORD:-connected_places}"
PG_DATABASE="${PG_DATABASE:-connected_places}"
REDIS_PORT="${REDIS_PORT:-6379}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

log() { echo "ensure-services: $*" >&2; }
die() { log "$*"; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    SUDO=()
fi

as_root() {
    if [ "$(id -u)" -ne 0 ] && [ ${#SUDO[@]} -eq 0 ]; then
        die "need root or sudo to run: $*"
    fi
    "${SUDO[@]}" "$@"
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    elif [ ${#SUDO[@]} -gt 0 ]; then
        sudo -u postgres "$@"
    else
        die "need root or sudo to run as postgres: $*"
    fi
}

apt_updated=""
apt_install() {
    log "installing $*"
    if [ -z "$apt_updated" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- what is missing gets installed, in one apt transaction --------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null \
    || missing+=(postgresql)
command -v pg_isready >/dev/null || missing+=(postgresql-client)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v redis-cli >/dev/null || missing+=(redis-tools)
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
fi
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM after installing it"

# --- PostgreSQL ---------------------------------------------------------------------------
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    # The Debian cluster on our port, whatever PostgreSQL major version is installed.
    cluster="$(pg_lsclusters --no-header 2>/dev/null | awk -v port="$PG_PORT" '$3 == port {print $1, $2; exit}')"
    if [ -z "$cluster" ]; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        log "creating PostgreSQL $version cluster 'main' on port $PG_PORT"
        as_root pg_createcluster --port "$PG_PORT" "$version" main >/dev/null
        cluster="$version main"
    fi
    log "starting PostgreSQL cluster $cluster"
    # shellcheck disable=SC2086 # "version name" splits into two arguments on purpose
    as_root pg_ctlcluster $cluster start
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL does not answer on port $PG_PORT"
fi

# The role needs CREATEDB so that pytest-django can create (and drop) its test database.
role_ok="$(PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -t -A -h 127.0.0.1 \
    -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" \
    -c "select rolcreatedb from pg_roles where rolname = current_user" 2>/dev/null || true)"
if [ "$role_ok" != "t" ]; then
    log "creating PostgreSQL role and database $PG_USER"
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    ELSE
        ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')\gexec
SQL
fi

# --- Redis --------------------------------------------------------------------------------
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
if ! redis_answers; then
    log "starting redis-server on 127.0.0.1:$REDIS_PORT"
    redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save '' \
        --appendonly no --dir /tmp --logfile "" >/dev/null
    for _ in $(seq 1 50); do
        redis_answers && break
        sleep 0.2
    done
    redis_answers || die "Redis does not answer on 127.0.0.1:$REDIS_PORT"
fi
