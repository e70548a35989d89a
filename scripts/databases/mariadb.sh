#!/usr/bin/env bash
# Installs the lambda_sync / lambda_async UDF library and the SQL kit (sql/mysql/) into the
# local MariaDB on 127.0.0.1:3306 (root, no password), for the tests in tests/mariadb/ and
# `npm run aurora:local`.
# Idempotent: packages are installed only when missing, the build is incremental, and the
# UDFs are re-registered only when the installed library differs from the build.
# It starts a stopped local server. Without a reachable server it exits 0 with a message,
# unless CI is set or --required is passed (as `npm run aurora:local` does), where it fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

DB_HOST=127.0.0.1
DB_PORT=3306
DB_USER=root
# Server headers for the UDF structs, libcurl for HTTP, and the compiler.
REQUIRED_PACKAGES=(libmariadbd-dev libcurl4-openssl-dev gcc make)

log() { echo "mariadb.sh: $*"; }
fail() {
  echo "mariadb.sh: ERROR: $*" >&2
  exit 1
}

# shellcheck source=lib/apt-packages.sh
source scripts/databases/lib/apt-packages.sh

mariadb_root() {
  mariadb --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" --batch --skip-column-names "$@"
}

# Packages that apt may upgrade while installing the build dependencies: curl's, because
# libcurl4-openssl-dev requires exactly its own version of libcurl4, and the MariaDB client
# library, which libmariadb-dev requires at its own version and mariadbd does not load.
may_upgrade() {
  is_from_curl_source "$1" || [ "$1" = libmariadb3 ]
}

# Prints the packages to request. The MariaDB development packages are pinned to the running
# server's package version when the archive still has it, so the headers match the server.
package_requests() {
  local server_version
  server_version=$(dpkg-query -W -f='${Version}' mariadb-server-core 2>/dev/null || true)
  local pin=false
  if [ -n "$server_version" ] &&
    apt-cache madison libmariadbd-dev | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF "$server_version"; then
    pin=true
  fi
  local package
  for package in "$@"; do
    if [ "$package" = libmariadbd-dev ] && [ "$pin" = true ]; then
      # Its dependencies need the same pin, or apt picks their newest versions and fails.
      echo "libmariadbd-dev=$server_version libmariadb-dev=$server_version libmariadbd19=$server_version"
    else
      echo "$package"
    fi
  done
}

# Installs the missing build dependencies. Upgrading a MariaDB server package under the
# running server would leave it with mismatched files, so only the packages that
# may_upgrade accepts may change version.
install_build_dependencies() {
  local missing
  mapfile -t missing < <(missing_packages "${REQUIRED_PACKAGES[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  local requests
  read -r -a requests <<<"$(package_requests "${missing[@]}" | tr '\n' ' ')"
  install_without_upgrades may_upgrade "${requests[@]}"
}

server_reachable() {
  command -v mariadb >/dev/null && mariadb_root -e 'SELECT 1' >/dev/null 2>&1
}

# Start the local server if it is installed but stopped, as on a machine booted without systemd.
if ! server_reachable && [ -x /usr/sbin/mariadbd ]; then
  log "starting mariadbd"
  # /run/mysqld contains the socket and the pid file. It is on the /run tmpfs, and at boot only
  # systemd-tmpfiles recreates it (Debian's /usr/lib/tmpfiles.d/mariadb.conf). Without it
  # mariadbd cannot create its socket, so create it as Debian's init script does.
  [ -d /run/mysqld ] || install -d -o mysql -g root -m 755 /run/mysqld || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  for _ in $(seq 1 40); do
    server_reachable && break
    sleep 0.5
  done
fi

if ! server_reachable; then
  message="MariaDB is not reachable on $DB_HOST:$DB_PORT as $DB_USER without a password; start it with"
  message+=" start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
  if [ -n "${CI:-}" ] || [ "${1:-}" = --required ]; then
    fail "$message"
  fi
  log "skipping: $message"
  exit 0
fi

server_version=$(mariadb_root -e 'SELECT VERSION()')
case "$server_version" in
  10.11.*) ;;
  *) fail "the server on $DB_HOST:$DB_PORT is $server_version; the UDF library is built for MariaDB 10.11" ;;
esac

install_build_dependencies

log "building native/mariadb"
make -s -C native/mariadb

plugin_dir=$(mariadb_root -e 'SELECT @@plugin_dir')
built=native/mariadb/build/lambda_udf.so
installed="${plugin_dir%/}/lambda_udf.so"
registered=$(mariadb_root -e "SELECT COUNT(*) FROM mysql.func WHERE dl = 'lambda_udf.so'")
if ! cmp -s "$built" "$installed" || [ "$registered" != 2 ]; then
  log "installing $installed"
  # The server unloads the old library only once no UDF of it is registered.
  mariadb_root -e 'DROP FUNCTION IF EXISTS lambda_sync; DROP FUNCTION IF EXISTS lambda_async'
  make -s -C native/mariadb install PLUGIN_DIR="$plugin_dir"
  mariadb_root <sql/mysql/mariadb-udf.sql
fi

# Re-running the kit drops and re-creates the routines and the trigger, which would break
# inserts running at that moment (another test run, or `npm run aurora:local`). So it runs
# only when its files changed since the last install, recorded in fib.local_kit_install.
kit_checksum=$(cat sql/mysql/0*.sql | sha256sum | cut -d' ' -f1)
installed_checksum=$(mariadb_root -e "SELECT checksum FROM fib.local_kit_install" 2>/dev/null || true)
if [ "$installed_checksum" != "$kit_checksum" ]; then
  log "installing the SQL kit into schema fib"
  for script in sql/mysql/0*.sql; do
    mariadb_root <"$script"
  done
  mariadb_root -e "CREATE TABLE IF NOT EXISTS fib.local_kit_install (checksum CHAR(64) NOT NULL) ENGINE = InnoDB;
    DELETE FROM fib.local_kit_install;
    INSERT INTO fib.local_kit_install VALUES ('$kit_checksum')"
else
  log "the SQL kit in schema fib is up to date"
fi

# One call through the UDF proves that the server loaded the library and resolved its
# symbols; the NULL argument returns NULL without any HTTP request.
if ! check=$(mariadb_root -e "SELECT lambda_sync(NULL, NULL) IS NULL" 2>&1) || [ "$check" != 1 ]; then
  fail "the server could not run lambda_sync from $installed: $check"
fi
log "done"
