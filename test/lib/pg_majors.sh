# Sourced library: finds the PostgreSQL installation of each supported major for the suites.
# shellcheck shell=bash
#
# PostgreSQL 15 is Debian's (apt). 16 to 19 come from relocatable, assert-enabled
# archives (pgNN.tar.xz, one top directory pgNN/) in $PG_ARCHIVE_DIR, by default
# ../shared/postgresql beside the repository; each is unpacked once into
# $PG_UNPACK_DIR/pgNN (default /var/tmp/fdw-suite-pg) and unpacked again when the
# archive changes. A PostgreSQL installed some other way is used through PG_CONFIG.
#
# Public: PG_SUPPORTED_MAJORS, pg_archive_for MAJOR, pg_config_for MAJOR

PG_SUPPORTED_MAJORS=(15 16 17 18 19)

pg_archive_for() {
  local dir=${PG_ARCHIVE_DIR:-${FDW_REPO:-.}/../shared/postgresql}
  echo "$dir/pg$1.tar.xz"
}

# Prints the pg_config of MAJOR: Debian's when installed, else the one of the
# unpacked archive (unpacking it first). Returns 1, saying why, when there is none.
pg_config_for() {
  local major=$1 archive dir stamp tmp
  if [[ -x /usr/lib/postgresql/$major/bin/pg_config ]]; then
    echo "/usr/lib/postgresql/$major/bin/pg_config"
    return 0
  fi
  archive=$(pg_archive_for "$major")
  dir=${PG_UNPACK_DIR:-/var/tmp/fdw-suite-pg}/pg$major
  if [[ ! -f $archive ]]; then
    echo "[majors] PostgreSQL $major: not installed and no archive $archive" >&2
    return 1
  fi
  stamp="$(stat -c '%s %Y' "$archive") $archive"
  if [[ ! -x $dir/bin/pg_config || $(cat "$dir/.archive" 2>/dev/null) != "$stamp" ]]; then
    echo "[majors] unpacking $archive into $dir" >&2
    mkdir -p "$(dirname "$dir")" || return 1
    tmp=$(mktemp -d "$(dirname "$dir")/.unpack.XXXXXX") || return 1
    if ! tar -xJf "$archive" -C "$tmp" || [[ ! -x $tmp/pg$major/bin/pg_config ]]; then
      echo "[majors] $archive does not hold pg$major/bin/pg_config" >&2
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$dir" && mv "$tmp/pg$major" "$dir" && rmdir "$tmp" || return 1
    # the server runs as postgres: it must read (and run) all of it
    chmod -R a+rX "$dir" && echo "$stamp" >"$dir/.archive" || return 1
  fi
  echo "$dir/bin/pg_config"
}
