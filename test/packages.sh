# Sourced by test/run.sh: the package round trip, run after the suites (SKIP_PACKAGES=1 skips it).
# shellcheck shell=bash
#
# packages_stage SUITE...: builds the packages (make packages), checks the
# .debs with lintian, replaces the `make install` output with them, re-runs
# the suites of the packaged FDWs against them (suites <x> and <x>_* for
# <x>_fdw), checks
# the RPMs, removes the packages and restores `make install`.  Each step is
# recorded like a suite: pkg:build pkg:lintian pkg:install pkg:<suite>...
# pkg:rpm pkg:remove.  Needs root or sudo (apt).  Uses run.sh's log, record,
# setup_<suite>, run_pg_regress, count_results and save_results.  run.sh
# calls packages_stage with `|| true`, so `set -e` does not apply here: like
# the setup_* functions, every step checks every command.

PKG_OUT=$REPO/packages
PKG_DEBS=()      # the .debs built (main and -dbgsym)
PKG_NAMES=()     # their package names
PKG_FDWS=()      # the FDWs packaged

pkg_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  else
    sudo -n "$@"
  fi
}

# apt-get without questions, waiting for a dpkg lock held by someone else.
pkg_apt() {
  pkg_as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q \
    -o DPkg::Lock::Timeout=120 "$@"
}

# Keeps a failed step's log where it can be read after the run.
pkg_keep_log() {
  local step=$1 file=$2 dest=$REPO/test/results/pkg-$1
  mkdir -p "$dest" && cp "$file" "$dest/" 2>/dev/null
  log "pkg:$step: log kept in ${dest#"$REPO"/}/"
  echo "---------- pkg:$step: last lines of $(basename "$file")"
  tail -n 30 "$file"
  echo "----------"
  return 0
}

# The files `make install` puts in place for FDW, one a line.
pkg_installed_files() {
  local fdw=$1
  echo "$("$PG_CONFIG" --pkglibdir)/$fdw.so"
  echo "$("$PG_CONFIG" --sharedir)/extension/$fdw.control"
}

# True when no file of the FDWs is installed.
pkg_none_installed() {
  local fdw f ok=0
  for fdw in "${PKG_FDWS[@]}"; do
    while read -r f; do
      if [[ -e $f ]]; then log "still installed: $f"; ok=1; fi
    done < <(pkg_installed_files "$fdw")
  done
  return "$ok"
}

pkg_build() {
  local log_file=$PKG_LOG/build.log deb fdw want
  read -r -a PKG_FDWS < <(sed -n 's/^FDWS[[:space:]]*=[[:space:]]*//p' "$REPO/Makefile")
  log "make packages (${PKG_FDWS[*]})"
  if ! make -C "$REPO" packages >"$log_file" 2>&1; then
    pkg_keep_log build "$log_file"
    return 1
  fi
  shopt -s nullglob
  PKG_DEBS=("$PKG_OUT"/*.deb)
  shopt -u nullglob
  PKG_NAMES=()
  for deb in "${PKG_DEBS[@]}"; do
    PKG_NAMES+=("$(dpkg-deb -f "$deb" Package)") || return 1
  done
  for fdw in "${PKG_FDWS[@]}"; do
    want="postgresql-$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')-fdwsuite-${fdw%_fdw}"
    if [[ " ${PKG_NAMES[*]} " != *" $want "* ]]; then
      log "no package $want for $fdw in ${PKG_OUT#"$REPO"/}/"
      return 1
    fi
  done
  log "built: ${PKG_NAMES[*]}"
}

pkg_lintian() {
  local log_file=$PKG_LOG/lintian.log rc=0
  command -v lintian >/dev/null || { log "lintian is missing (test/deps.sh installs it)"; return 1; }
  # errors fail the step; warnings are printed (keep them at zero)
  lintian --fail-on error "${PKG_DEBS[@]}" >"$log_file" 2>&1 || rc=$?
  grep -v 'running with root privileges' "$log_file" | sed 's/^/[lintian] /' >&2
  [[ $rc == 0 ]] || { pkg_keep_log lintian "$log_file"; return 1; }
  return 0
}

# Conflicts/Replaces/Provides: apt must remove ours to install Debian's package.
pkg_check_replaces() {
  local pkg=$1 provides peer out
  provides=$(dpkg-query -W -f='${Provides}' "$pkg") || return 1
  [[ -n $provides ]] || return 0
  for peer in ${provides//,/ }; do
    if ! apt-cache show --no-all-versions "$peer" >/dev/null 2>&1; then
      log "apt does not know $peer: its replacement by $pkg not simulated"
      continue
    fi
    out=$(apt-get -s -o Debug::NoLocking=1 install "$peer" 2>&1) || { echo "$out" >&2; return 1; }
    if ! grep -q "^Remv $pkg " <<<"$out"; then
      echo "$out" >&2
      log "installing $peer would not remove $pkg (Conflicts/Replaces)"
      return 1
    fi
    log "installing $peer would replace $pkg: ok"
  done
}

pkg_install() {
  local log_file=$PKG_LOG/install.log fdw f owner pkg
  # left installed by an interrupted run, apt would not unpack them again
  pkg_purge "$log_file" || return 1
  log "make uninstall, then apt-get install ./packages/*.deb"
  if ! make -C "$REPO" uninstall >>"$log_file" 2>&1; then
    pkg_keep_log install "$log_file"
    return 1
  fi
  pkg_none_installed || return 1
  if ! pkg_apt install --no-install-recommends "${PKG_DEBS[@]}" >>"$log_file" 2>&1; then
    pkg_keep_log install "$log_file"
    return 1
  fi
  # every file the suites will load comes from our package
  for fdw in "${PKG_FDWS[@]}"; do
    while read -r f; do
      owner=$(dpkg -S "$f" 2>/dev/null | cut -d: -f1)
      if [[ ! -f $f || $owner != *-fdwsuite-"${fdw%_fdw}" ]]; then
        log "$f is not installed by a package of $fdw (owner: ${owner:-none})"
        return 1
      fi
    done < <(pkg_installed_files "$fdw")
  done
  for pkg in "${PKG_NAMES[@]}"; do
    [[ $pkg == *-dbgsym ]] || pkg_check_replaces "$pkg" || return 1
  done
  return 0
}

# pg_regress of SUITE against the installed packages, recorded as pkg:SUITE.
pkg_run_suite() {
  local suite=$1 outdir=$SRC_DIR/results/pkg-$1 rc=0 passed failed
  rm -rf "$REPO/test/results/pkg-$suite"
  log "==================== suite pkg:$suite (against the packages)"
  if ! "setup_$suite"; then
    record "pkg:$suite" 0 1 "(setup failed)"
    return 0
  fi
  mkdir -p "$outdir"
  run_pg_regress "$suite" "$outdir" || rc=$?
  read -r passed failed < <(count_results "$outdir/pg_regress.out")
  if [[ $rc != 0 && $failed == 0 ]]; then
    log "suite pkg:$suite: pg_regress exited with $rc"
    failed=1
  fi
  if [[ $failed != 0 ]]; then
    [[ -f $outdir/regression.diffs ]] && head -n 100 "$outdir/regression.diffs"
    save_results "pkg-$suite" "$outdir"
  fi
  record "pkg:$suite" "$passed" "$failed"
}

# The RPMs cannot be installed on this Debian host for real: inspect them,
# unpack them all together into a scratch rpm root (no file conflicts
# between them) and check their Conflicts there against a stand-in for the
# package each replaces.  rpm warns on stderr that Alien should be used: the
# log has it.
pkg_rpm() {
  local root=$PKG_LOG/rpmroot top=$PKG_LOG/rpmpeer log_file=$PKG_LOG/rpm.log
  local rpms=() names=() r name fdw files reqs peer
  shopt -s nullglob
  for r in "$PKG_OUT"/*.rpm; do [[ $r == *.src.rpm ]] || rpms+=("$r"); done
  shopt -u nullglob
  [[ ${#rpms[@]} -gt 0 ]] || { log "no binary RPM in ${PKG_OUT#"$REPO"/}/"; return 1; }
  : >"$log_file"
  for r in "${rpms[@]}"; do
    name=$(rpm -qp --qf '%{NAME}' "$r" 2>>"$log_file") || return 1
    names+=("$name")
    fdw=${name#fdwsuite_}
    fdw=${fdw%_*}_fdw
    files=$(rpm -qpl "$r" 2>>"$log_file")
    reqs=$(rpm -qpR "$r" 2>>"$log_file")
    if ! grep -q "/$fdw\.so\$" <<<"$files" || ! grep -q "/extension/$fdw\.control\$" <<<"$files"; then
      log "$name: $fdw.so or $fdw.control missing"
      return 1
    fi
    if ! grep -q '^postgresql[0-9]*-server$' <<<"$reqs" ||
      ! grep -v '^libc\.so' <<<"$reqs" | grep -q '^lib.*\.so\.[0-9]*()'; then
      log "$name: Requires lack the server or the client library: $(tr '\n' ' ' <<<"$reqs")"
      return 1
    fi
  done
  rm -rf "$root" && mkdir -p "$root" || return 1
  if ! rpm --root "$root" --initdb >>"$log_file" 2>&1 ||
    ! rpm --root "$root" -i --nodeps --noscripts "${rpms[@]}" >>"$log_file" 2>&1 ||
    ! rpm --root "$root" -V --nodeps "${names[@]}" >>"$log_file" 2>&1 ||
    ! rpm --root "$root" -e --nodeps "${names[@]}" >>"$log_file" 2>&1; then
    pkg_keep_log rpm "$log_file"
    return 1
  fi
  if [[ -n $(find "$root/usr" -type f 2>/dev/null) ]]; then
    log "files left in the scratch rpm root after rpm -e"
    return 1
  fi
  for r in "${rpms[@]}"; do
    for peer in $(rpm -qp --conflicts "$r" 2>>"$log_file"); do
      pkg_rpm_check_conflict "$root" "$top" "$r" "$peer" "$log_file" ||
        { pkg_keep_log rpm "$log_file"; return 1; }
    done
  done
  log "RPMs ${names[*]}: files, Requires, install/verify/erase side by side, Conflicts: ok"
  return 0
}

# Installing RPM where a stand-in package PEER is installed must be refused.
pkg_rpm_check_conflict() {
  local root=$1 top=$2 r=$3 peer=$4 log_file=$5 out
  mkdir -p "$top"/{SPECS,RPMS,BUILD,SOURCES,SRPMS}
  printf '%s\n' "Name: $peer" 'Version: 99' 'Release: 1' 'Summary: stand-in' \
    'License: none' 'BuildArch: noarch' '%description' 'stand-in' '%files' >"$top/SPECS/peer.spec"
  rpmbuild -bb --define "_topdir $top" "$top/SPECS/peer.spec" >>"$log_file" 2>&1 || return 1
  rpm --root "$root" -i --nodeps "$top/RPMS/noarch/$peer-99-1.noarch.rpm" >>"$log_file" 2>&1 || return 1
  out=$(rpm --root "$root" -i --test "$r" 2>&1)
  rpm --root "$root" -e --nodeps "$peer" >>"$log_file" 2>&1 || return 1
  if ! grep -q "$peer conflicts with" <<<"$out"; then
    echo "$out" >>"$log_file"
    log "$(basename "$r") does not conflict with an installed $peer"
    return 1
  fi
}

# Purges those of our packages that are installed (log to LOG_FILE).
pkg_purge() {
  local log_file=$1 pkgs=() p
  for p in "${PKG_NAMES[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q installed && pkgs+=("$p")
  done
  [[ ${#pkgs[@]} -gt 0 ]] || return 0
  log "apt-get purge ${pkgs[*]}"
  if ! pkg_apt purge "${pkgs[@]}" >>"$log_file" 2>&1; then
    pkg_keep_log "$(basename "$log_file" .log)" "$log_file"
    return 1
  fi
}

# Purges the packages and puts the `make install` output back.
pkg_remove() {
  local log_file=$PKG_LOG/remove.log
  : >"$log_file"
  pkg_purge "$log_file" || return 1
  pkg_none_installed || return 1
  log "make install (restores the state before the round trip)"
  if ! make -C "$REPO" install >>"$log_file" 2>&1; then
    pkg_keep_log remove "$log_file"
    return 1
  fi
  return 0
}

# Records a one-check step: pkg:STEP passed or failed.
pkg_step() {
  local step=$1
  shift
  if "$@"; then
    record "pkg:$step" 1 0
    return 0
  fi
  record "pkg:$step" 0 1
  return 1
}

packages_stage() {
  local suite fdw
  if [[ ${SKIP_PACKAGES:-0} == 1 ]]; then
    log "SKIP_PACKAGES=1: no package round trip"
    return 0
  fi
  echo
  log "==================== package round trip (SKIP_PACKAGES=1 skips it)"
  if [[ $EUID -ne 0 ]] && ! sudo -n true 2>/dev/null; then
    log "installing packages needs root or sudo"
    record "pkg:build" 0 1 "(needs root or sudo)"
    return 0
  fi
  PKG_LOG=$SRC_DIR/packages
  mkdir -p "$PKG_LOG"
  rm -rf "$REPO"/test/results/pkg-*
  pkg_step build pkg_build || return 0
  pkg_step lintian pkg_lintian || true
  if pkg_step install pkg_install; then
    for suite in "$@"; do
      [[ -n $suite ]] || continue
      for fdw in "${PKG_FDWS[@]}"; do
        # suite x or x_* belongs to x_fdw (odbc_sqlite to odbc_fdw); suites
        # with a runner of their own (differential, lint) are not pg_regress
        if [[ $suite == "${fdw%_fdw}" || $suite == "${fdw%_fdw}"_* ]] &&
          ! declare -F "run_$suite" >/dev/null; then
          pkg_run_suite "$suite"
        fi
      done
    done
  fi
  if command -v rpmbuild >/dev/null; then
    pkg_step rpm pkg_rpm || true
  fi
  pkg_step remove pkg_remove || true
  return 0
}
