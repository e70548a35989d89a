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
REQUIRED_PACKAGES=(postgresql-server-dev-15 libcurl4-openssl-dev)

log() { echo "postgres.sh: $*"; }
fail() {
  echo "postgres.sh: ERROR: $*" >&2
  exit 1
}

installed_versions() {
  dpkg-query -W -f='${db:Status-Status} ${Package} ${Version}\n' | awk '$1 == "installed" { print $2, $3 }' | sort
}

# Installs the build dependencies without upgrading anything already installed.
# Plain `apt-get install postgresql-server-dev-15` also upgrades the running server's package
# to the mirror's version (the binary packages share one source package), after which new
# connections cannot load even PL/pgSQL until the server restarts; the apt option below stops
# that. The one exception allowed is the curl source package: libcurl4-openssl-dev depends on
# exactly its own version of libcurl4, so when the mirror has moved on, libcurl4 and curl move too.
install_build_dependencies() {
  local missing=()
  local package
  for package in "${REQUIRED_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)" != installed ]; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi

  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local apt_options=(-y -q --no-install-recommends
    -o APT::Get::Upgrade-By-Source-Package=false
    -o DPkg::Lock::Timeout=300)
  apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null

  # Refuse before touching anything when the plan upgrades a package outside curl's.
  local plan
  plan=$(apt-get -s "${apt_options[@]}" install "${missing[@]}")
  local planned_upgrades
  planned_upgrades=$(echo "$plan" | awk '/^Inst [^ ]+ \[/ { print $2 }')
  local upgrade
  for upgrade in $planned_upgrades; do
    if ! is_from_curl_source "$upgrade"; then
      fail "installing ${missing[*]} would upgrade the installed package $upgrade;" \
        "install them by hand without upgrading it, then run this script again"
    fi
  done

  local before after
  before=$(installed_versions)
  apt-get "${apt_options[@]}" install "${missing[@]}"
  after=$(installed_versions)

  # Check the result as well as the plan: a package present before must keep its version.
  local changed
  changed=$(join <(echo "$before") <(echo "$after") | awk '$2 != $3 { print $1 }')
  for upgrade in $changed; do
    if ! is_from_curl_source "$upgrade"; then
      fail "apt-get changed the version of the installed package $upgrade"
    fi
    log "upgraded $upgrade, which libcurl4-openssl-dev requires at its own version"
  done
}

is_from_curl_source() {
  local source
  source=$(apt-cache show --no-all-versions "$1" 2>/dev/null | awk '/^Source:/ { print $2; exit }')
  [ "${source:-$1}" = curl ]
}

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
# install(1) rewrites an existing file in place, which can crash backends that have the old
# module loaded. Unlinking it first leaves them their copy and gives new sessions the new one.
rm -f "$("$PG_CONFIG" --pkglibdir)/aws_lambda.so"
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
