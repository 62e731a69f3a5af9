#!/usr/bin/env bash
# Installs the Debian packages needed to build and test the FDWs (only the missing ones, without starting any service).
set -euo pipefail

# One list, easy to extend.
PACKAGES=(
  build-essential
  postgresql-15 postgresql-server-dev-15 postgresql-client-15
  libmariadb-dev mariadb-server mariadb-client
  unixodbc-dev odbcinst unixodbc libsqliteodbc odbc-mariadb odbc-postgresql tdsodbc sqlite3
  freetds-dev freetds-bin
  libsqlite3-dev
  python3 python3-tds python3-psycopg2
  openssl
  cppcheck
  locales
  dpkg-dev debhelper postgresql-server-dev-all lintian rpm
)

POLICY_RC=/usr/sbin/policy-rc.d
CREATED_POLICY_RC=0

log() { echo "deps: $*" >&2; }

# Prints, one a line, the packages of PACKAGES that dpkg does not report as installed.
missing_packages() {
  local installed pkg
  # dpkg-query exits 1 and complains on stderr for unknown packages: that is expected.
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "installed" { print $1 }' || true)
  for pkg in "${PACKAGES[@]}"; do
    grep -qxF "$pkg" <<<"$installed" || echo "$pkg"
  done
}

# Forbids maintainer scripts to start services (invoke-rc.d honours policy-rc.d).
forbid_service_start() {
  [[ -e $POLICY_RC ]] && return 0
  printf '#!/bin/sh\n# temporary, written by test/deps.sh\nexit 101\n' >"$POLICY_RC"
  chmod 0755 "$POLICY_RC"
  CREATED_POLICY_RC=1
}

cleanup() {
  if [[ $CREATED_POLICY_RC == 1 ]]; then
    rm -f "$POLICY_RC"
  fi
}

# Runs a command as root, through sudo when we are not root.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    log "not root and no sudo: cannot run: $*"
    return 1
  fi
}

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  log "missing: $*"
  log "apt-get update"
  as_root apt-get update -qq
  log "apt-get install"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "$@"
}

# The suites compare a linguistic collation with a bytewise one: en_US.UTF-8
# must exist as a libc locale (initdb then makes the collation "en_US.utf8"),
# as PostgreSQL builds without ICU have no other.
ensure_locale() {
  locale -a 2>/dev/null | grep -qx 'en_US.utf8' && return 0
  log "generating the locale en_US.UTF-8"
  as_root localedef -i en_US -c -f UTF-8 en_US.UTF-8 || { log "localedef en_US.UTF-8 failed"; return 1; }
}

main() {
  local missing=()
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "all packages present"
    ensure_locale
    return
  fi
  if [[ $EUID -eq 0 ]]; then
    trap cleanup EXIT
    forbid_service_start
  fi
  install_packages "${missing[@]}"
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "still missing after install: ${missing[*]}"
    return 1
  fi
  ensure_locale || return 1
  log "done"
}

main "$@"
