# Shared by the database set-up scripts, which source it: installs missing Debian packages
# without upgrading any installed package that the caller does not allow to move. The
# callers define log and fail before sourcing this file.

# Prints the given packages that are not installed, one per line.
missing_packages() {
  local package
  for package in "$@"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)" != installed ]; then
      echo "$package"
    fi
  done
}

# Returns whether a package is built from curl's source package. libcurl4-openssl-dev
# depends on exactly its own version of libcurl4, so when the archive has moved on, curl's
# binary packages move with it.
is_from_curl_source() {
  local source
  source=$(apt-cache show --no-all-versions "$1" 2>/dev/null | awk '/^Source:/ { print $2; exit }')
  [ "${source:-$1}" = curl ]
}

installed_versions() {
  dpkg-query -W -f='${db:Status-Status} ${Package} ${Version}\n' |
    awk '$1 == "installed" { print $2, $3 }' | sort
}

# Installs the requested packages (names, or name=version) while only packages accepted by
# the function named in $1 may change version. Plain `apt-get install` of a server's -dev
# package can upgrade the running server's own packages, which share its source package;
# Upgrade-By-Source-Package=false stops that. The apt plan is checked before anything is
# installed, and the installed versions after, so a refused upgrade fails loudly.
install_without_upgrades() {
  local may_upgrade=$1
  shift
  local requests=("$@")

  log "installing ${requests[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local apt_options=(-y -q --no-install-recommends
    -o APT::Get::Upgrade-By-Source-Package=false
    -o DPkg::Lock::Timeout=300)
  apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null

  local planned_upgrades upgrade
  planned_upgrades=$(apt-get -s "${apt_options[@]}" install "${requests[@]}" |
    awk '/^Inst [^ ]+ \[/ { print $2 }')
  for upgrade in $planned_upgrades; do
    if ! "$may_upgrade" "$upgrade"; then
      fail "installing ${requests[*]} would upgrade the installed package $upgrade;" \
        "install them by hand without upgrading it, then run this script again"
    fi
  done

  local before after changed
  before=$(installed_versions)
  apt-get "${apt_options[@]}" install "${requests[@]}"
  after=$(installed_versions)
  changed=$(join <(echo "$before") <(echo "$after") | awk '$2 != $3 { print $1 }')
  for upgrade in $changed; do
    if ! "$may_upgrade" "$upgrade"; then
      fail "apt-get changed the version of the installed package $upgrade"
    fi
    log "upgraded $upgrade, which the new packages require at their own version"
  done
}
