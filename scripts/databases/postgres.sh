#!/usr/bin/env bash
# Installs the local aws_lambda extension and the SQL kit into the PostgreSQL 15 server on
# 127.0.0.1:5432 (trust auth), for the tests in tests/postgres/ and `npm run aurora-postgres:local`.
# Idempotent: packages are installed only when missing, and the build is incremental.
# Without a reachable server it exits 0 with a message, unless CI is set or --required is given.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_HOST=127.0.0.1
PG_PORT=5432
PG_SUPERUSER=postgres
PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
# Server headers and PGXS, libcurl for HTTP, and the compiler and make, which
# postgresql-server-dev-15 does not depend on.
REQUIRED_PACKAGES=(postgresql-server-dev-15 libcurl4-openssl-dev gcc make)

log() { echo "postgres.sh: $*"; }
fail() {
  echo "postgres.sh: ERROR: $*" >&2
  exit 1
}

# Installs the missing build dependencies. Plain `apt-get install postgresql-server-dev-15`
# would also upgrade the running server's package to the archive's version, after which new
# connections cannot load even PL/pgSQL until the server restarts, so only curl's packages
# may change version.
install_build_dependencies() {
  local missing
  mapfile -t missing < <(missing_packages "${REQUIRED_PACKAGES[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  install_without_upgrades is_from_curl_source "${missing[@]}"
}

# shellcheck source=lib/apt-packages.sh
source scripts/databases/lib/apt-packages.sh

# Runs psql as the superuser, stopping at the first error and printing no NOTICEs.
psql_superuser() {
  PGOPTIONS="-c client_min_messages=warning" \
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
}

server_reachable() {
  psql_superuser -d postgres -Atc 'SELECT 1' >/dev/null 2>&1
}

# Start the local cluster if it is installed but stopped, as after a reboot without systemd.
if ! server_reachable && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql/15/main ]; then
  log "starting the PostgreSQL 15 cluster main"
  pg_ctlcluster --skip-systemctl-redirect 15 main start || true
  for _ in $(seq 1 20); do
    server_reachable && break
    sleep 0.5
  done
fi

if ! server_reachable; then
  message="PostgreSQL is not reachable on $PG_HOST:$PG_PORT as $PG_SUPERUSER; start it with"
  message+=" pg_ctlcluster --skip-systemctl-redirect 15 main start"
  if [ -n "${CI:-}" ] || [ "${1:-}" = --required ]; then
    fail "$message"
  fi
  log "skipping: $message"
  exit 0
fi

server_major=$(psql_superuser -d postgres -Atc 'SHOW server_version_num')
server_major=$((server_major / 10000))
if [ "$server_major" != 15 ]; then
  fail "the server on $PG_HOST:$PG_PORT is PostgreSQL $server_major; this module builds for 15 only"
fi

install_build_dependencies

log "building native/postgres"
make -s -C native/postgres PG_CONFIG="$PG_CONFIG"
# PGXS installs with `install -c`, which in GNU coreutils (checked with 9.1) unlinks an
# existing aws_lambda.so and writes a new file. Backends that loaded the old module keep their
# copy, and new sessions load the new one.
make -s -C native/postgres PG_CONFIG="$PG_CONFIG" install

# CREATE FUNCTION checks the symbol, but LOAD in a fresh session is the check that a module
# built against newer 15.x headers still links against this server's binary.
if ! load_output=$(psql_superuser -d postgres -c "LOAD 'aws_lambda'" 2>&1); then
  fail "the server could not load the aws_lambda module: $load_output"
fi

log "installing the SQL kit into database fib"
psql_superuser -d postgres -f sql/postgres/01-database.sql
# Replace the extensions only when their scripts changed, because sessions that use them, such
# as a test run started at the same time, fail while they are gone. The comment on the
# extension records the checksum of the scripts it was created from. Without CASCADE the drop
# stops rather than remove objects that depend on the extensions, and 03-roles.sql grants again.
scripts_checksum=$(cat native/postgres/*.control native/postgres/*.sql | md5sum | cut -d' ' -f1)
installed_comment=$(psql_superuser -d fib -Atc \
  "SELECT obj_description(oid, 'pg_extension') FROM pg_extension WHERE extname = 'aws_lambda'")
if [[ "$installed_comment" != *"scripts with MD5 $scripts_checksum"* ]]; then
  log "replacing the aws_lambda and aws_commons extensions in database fib"
  psql_superuser -d fib -c 'DROP EXTENSION IF EXISTS aws_lambda' -c 'DROP EXTENSION IF EXISTS aws_commons'
fi
psql_superuser -d fib -f sql/postgres/02-extension.sql
psql_superuser -d fib -c "COMMENT ON EXTENSION aws_lambda IS
  'Local stand-in for the aws_lambda extension of Aurora, built from scripts with MD5 $scripts_checksum'"
psql_superuser -d fib -f sql/postgres/03-roles.sql
PGOPTIONS="-c client_min_messages=warning" \
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U fibonacci_app -d fib \
  -f sql/postgres/04-fibonacci.sql

# The same lookup as a caller makes, so a missing overload fails here rather than in a test.
signature='aws_lambda.invoke(text, json, text, text, text, json, varchar)'
if ! psql_superuser -d fib -Atc "SELECT '$signature'::regprocedure" >/dev/null; then
  fail "$signature is missing from database fib after the install"
fi
log "done"
