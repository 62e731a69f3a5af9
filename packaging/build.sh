#!/usr/bin/env bash
# Builds the .deb packages of the FDWs, and their RPMs when rpmbuild exists, into packages/ (make packages).
#
# Usage: bash packaging/build.sh [FDW...]     (default: FDWS of the top Makefile)
# Env:   PACKAGES_DIR=DIR   where the packages go (default: packages/ at the top)
#        PACKAGE_RPM=0|1    skip the RPMs / fail without rpmbuild (default: build them if rpmbuild exists)
#        PG_CONFIG          the PostgreSQL the RPMs are built against (default: pg_config in PATH)
#
# The sources (top Makefile, common/, the FDW directories) are staged in
# $PACKAGES_DIR/build/fdw-suite-<version>/ with packaging/debian as debian/
# and debian/control generated for the FDWs packaged (packaging/fdws has
# their data); the staged tree stays there and rebuilds by hand with
# "dpkg-buildpackage -us -uc -b".  See packaging/README.md.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PKGDIR=$REPO/packaging
OUT=${PACKAGES_DIR:-$REPO/packages}
BUILD=$OUT/build

log() { echo "[packages] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- data

FDWS=()
declare -A FIELD=()      # FIELD[<fdw>.<Key>] from packaging/fdws
KEYS=(Summary Description Deb-Build-Depends Deb-Depends Deb-Replaces
      Rpm-BuildRequires Rpm-Requires Rpm-Replaces)

# Reads packaging/fdws (stanzas of "Key: value" lines) into FIELD.
read_fdws_file() {
  local file=$PKGDIR/fdws line key value fdw='' n=0 k ok
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    [[ $line == '#'* ]] && continue
    if [[ -z ${line//[[:space:]]/} ]]; then
      fdw=
      continue
    fi
    [[ $line =~ ^([A-Za-z-]+):[[:space:]]*(.*)$ ]] || die "packaging/fdws:$n: not a 'Key: value' line"
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    if [[ $key == Fdw ]]; then
      [[ -z $fdw ]] || die "packaging/fdws:$n: a new stanza needs a blank line before it"
      [[ $value =~ ^[a-z0-9]+_fdw$ ]] || die "packaging/fdws:$n: '$value' is not <short>_fdw with <short> in [a-z0-9]"
      [[ -z ${FIELD[$value.Fdw]:-} ]] || die "packaging/fdws:$n: $value appears twice"
      fdw=$value
      FIELD[$fdw.Fdw]=$fdw
      continue
    fi
    [[ -n $fdw ]] || die "packaging/fdws:$n: a stanza starts with 'Fdw:'"
    ok=0
    for k in "${KEYS[@]}"; do [[ $k == "$key" ]] && ok=1; done
    [[ $ok == 1 ]] || die "packaging/fdws:$n: unknown key '$key' (known: ${KEYS[*]})"
    FIELD[$fdw.$key]=$value
  done <"$file"
}

# Sets FDWS from the arguments, else from the top Makefile, and checks each.
choose_fdws() {
  local fdw
  if [[ $# -gt 0 ]]; then
    FDWS=("$@")
  else
    read -r -a FDWS < <(sed -n 's/^FDWS[[:space:]]*=[[:space:]]*//p' "$REPO/Makefile")
  fi
  [[ ${#FDWS[@]} -gt 0 ]] || die "no FDW to package"
  for fdw in "${FDWS[@]}"; do
    [[ -n ${FIELD[$fdw.Fdw]:-} ]] ||
      die "packaging/fdws has no stanza for $fdw: add one (see the top of that file)"
    [[ -f $REPO/$fdw/Makefile ]] || die "$fdw/Makefile does not exist"
    [[ -n ${FIELD[$fdw.Summary]:-} && -n ${FIELD[$fdw.Description]:-} ]] ||
      die "packaging/fdws: $fdw needs a Summary and a Description"
  done
}

# VERSION, MAINTAINER and RPM_DATE from the newest debian/changelog entry.
read_changelog() {
  local file=$PKGDIR/debian/changelog trailer date
  VERSION=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$file")
  [[ $VERSION =~ ^[0-9][0-9.]*$ ]] || die "debian/changelog: version '$VERSION' is not a native x.y.z"
  trailer=$(grep -m1 '^ -- ' "$file")
  [[ $trailer =~ ^\ --\ (.*\>)\ \ (.*)$ ]] || die "debian/changelog: unreadable trailer line"
  MAINTAINER=${BASH_REMATCH[1]}
  date=${BASH_REMATCH[2]}
  RPM_DATE=$(LC_ALL=C date -u -d "$date" '+%a %b %d %Y') || die "debian/changelog: bad date '$date'"
}

# ---------------------------------------------------------------- templates

# Prints TEXT wrapped at 72 columns, each line prefixed with PREFIX.
wrap() {
  local text=$1 prefix=$2
  fold -s -w 72 <<<"$text" | sed -e 's/[[:space:]]*$//' -e "s/^/$prefix/"
}

# A sentence naming the package ours replaces, if any.
replaces_note() {
  local peer=$1
  [[ -n $peer ]] && printf ' It replaces %s, which installs an extension of the same name.' "$peer"
  return 0
}

# Prints the value of template field KEY (for FDW, when it is per FDW).
value_of() {
  local key=$1 fdw=$2 f sep=
  case $key in
    FDWS) echo "${FDWS[*]}" ;;
    VERSION) echo "$VERSION" ;;
    MAINTAINER) echo "$MAINTAINER" ;;
    RPM_DATE) echo "$RPM_DATE" ;;
    DEB_BUILD_DEPENDS)
      for f in "${FDWS[@]}"; do
        [[ -n ${FIELD[$f.Deb-Build-Depends]:-} ]] && printf ', %s' "${FIELD[$f.Deb-Build-Depends]}"
      done
      echo ;;
    RPM_BUILDREQUIRES)
      for f in "${FDWS[@]}"; do
        [[ -n ${FIELD[$f.Rpm-BuildRequires]:-} ]] &&
          printf '%sBuildRequires:  %s' "$sep" "${FIELD[$f.Rpm-BuildRequires]}" && sep=$'\n'
      done
      echo ;;
    *)
      [[ -n $fdw ]] || die "template field @$key@ outside the #@foreach-fdw block"
      case $key in
        FDW) echo "$fdw" ;;
        SHORT) echo "${fdw%_fdw}" ;;
        SUMMARY) echo "${FIELD[$fdw.Summary]}" ;;
        DEB_DEPENDS) [[ -n ${FIELD[$fdw.Deb-Depends]:-} ]] && printf ', %s' "${FIELD[$fdw.Deb-Depends]}"; echo ;;
        DEB_REPLACES) echo "${FIELD[$fdw.Deb-Replaces]:-}" ;;
        RPM_REQUIRES) echo "${FIELD[$fdw.Rpm-Requires]:-}" ;;
        RPM_REPLACES) echo "${FIELD[$fdw.Rpm-Replaces]:-}" ;;
        DEB_DESCRIPTION)
          wrap "${FIELD[$fdw.Description]}$(replaces_note "${FIELD[$fdw.Deb-Replaces]:-}")" ' ' ;;
        RPM_DESCRIPTION)
          wrap "${FIELD[$fdw.Description]}$(replaces_note "${FIELD[$fdw.Rpm-Replaces]:-}")" '' ;;
        *) die "unknown template field @$key@" ;;
      esac ;;
  esac
}

# Prints LINE with its @FIELDS@ filled in; a "Field:" line left empty is dropped.
fill() {
  local line=$1 fdw=$2 out=$1 key val
  while read -r key; do
    [[ -n $key ]] || continue
    val=$(value_of "$key" "$fdw") || exit 1
    out=${out//@$key@/$val}
  done < <(grep -o '@[A-Z_]*@' <<<"$line" | tr -d @ | sort -u)
  if [[ $line != "$out" && $out =~ ^[A-Za-z][A-Za-z0-9-]*:[[:space:]]*$ ]]; then
    return 0
  fi
  printf '%s\n' "$out"
}

# Prints TEMPLATE expanded: its leading comment block (and the blank lines
# after it) dropped, the "#@foreach-fdw" ... "#@end" block once per FDW.
expand_template() {
  local tmpl=$1 line l fdw head=1 in_block=0 block=()
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $head == 1 ]]; then
      [[ $line == '#'* || -z $line ]] && continue
      head=0
    fi
    case $line in
      '#@foreach-fdw') in_block=1; block=(); continue ;;
      '#@end')
        in_block=0
        for fdw in "${FDWS[@]}"; do
          for l in "${block[@]}"; do fill "$l" "$fdw"; done
        done
        continue ;;
    esac
    if [[ $in_block == 1 ]]; then
      block+=("$line")
    else
      fill "$line" ""
    fi
  done <"$tmpl"
  [[ $in_block == 0 ]] || die "$tmpl: #@foreach-fdw without #@end"
}

# ---------------------------------------------------------------- build

# Copies the sources the packages are built from into $SRC (tracked and
# new files; no build output), with FDWS set to the FDWs packaged.
stage_sources() {
  local paths=(Makefile common "${FDWS[@]}") f
  for f in README.md LICENSE COPYING; do [[ -e $REPO/$f ]] && paths+=("$f"); done
  mkdir -p "$SRC"
  if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$REPO" ls-files -z --cached --others --exclude-standard -- "${paths[@]}" |
      while IFS= read -r -d '' f; do [[ -f $REPO/$f ]] && printf '%s\0' "$f"; done |
      tar -C "$REPO" --null -T - -cf - | tar -C "$SRC" -xf -
  else
    (cd "$REPO" && cp -a --parents "${paths[@]}" "$SRC"/)
    make -s -C "$SRC" clean FDWS="${FDWS[*]}" >/dev/null
  fi
  grep -q '^FDWS[[:space:]]*=' "$SRC/Makefile" || die "the top Makefile has no 'FDWS =' line"
  sed -i "s/^FDWS[[:space:]]*=.*/FDWS = ${FDWS[*]}/" "$SRC/Makefile"
}

build_deb() {
  local log=$BUILD/deb.log tool
  for tool in dpkg-buildpackage dh pg_buildext; do
    command -v "$tool" >/dev/null ||
      die "$tool missing: apt-get install dpkg-dev debhelper postgresql-server-dev-all"
  done
  cp -a "$PKGDIR/debian" "$SRC/debian"
  expand_template "$PKGDIR/debian/control.in" >"$SRC/debian/control.in"
  (cd "$SRC" && pg_buildext updatecontrol) || die "pg_buildext updatecontrol failed"
  log "dpkg-buildpackage -us -uc -b (log: ${log#"$REPO"/})"
  if ! (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "dpkg-buildpackage failed (log: $log)"
  fi
  mv "$BUILD"/*.deb "$OUT"/
  mv "$BUILD"/*.ddeb "$OUT"/ 2>/dev/null || true
}

build_rpm() {
  local top=$BUILD/rpm log=$BUILD/rpm.log pgc major nodeps=()
  pgc=$(command -v "${PG_CONFIG:-pg_config}") || die "pg_config not found (set PG_CONFIG)"
  major=$("$pgc" --version | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p')
  [[ -n $major ]] || die "cannot read the major version from $pgc --version"
  # Debian's /usr/bin/pg_config is a wrapper: build against the real one
  pgc=$("$pgc" --bindir)/pg_config
  mkdir -p "$top"/{SOURCES,SPECS,BUILD,RPMS,SRPMS}
  cp "$BUILD/fdw-suite-$VERSION.tar.gz" "$top/SOURCES/"
  expand_template "$PKGDIR/rpm/fdw-suite.spec.in" >"$top/SPECS/fdw-suite.spec"
  # on a host that is not RPM-based the rpm database knows none of the
  # BuildRequires (they are Debian packages here)
  rpm -q --quiet rpm 2>/dev/null || nodeps=(--nodeps)
  log "rpmbuild -ba for PostgreSQL $major (log: ${log#"$REPO"/})"
  if ! rpmbuild -ba "${nodeps[@]}" --define "_topdir $top" \
      --define "pgmajorversion $major" --define "pgconfig $pgc" \
      "$top/SPECS/fdw-suite.spec" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "rpmbuild failed (log: $log)"
  fi
  mv "$top"/RPMS/*/*.rpm "$top"/SRPMS/*.rpm "$OUT"/
}

main() {
  local want_rpm=${PACKAGE_RPM:-auto} f
  case ${1:-} in -h | --help) sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
  read_fdws_file
  choose_fdws "$@"
  read_changelog
  SRC=$BUILD/fdw-suite-$VERSION
  log "fdw-suite $VERSION: ${FDWS[*]}"

  mkdir -p "$OUT"
  rm -rf "$BUILD"
  rm -f "$OUT"/*.deb "$OUT"/*.ddeb "$OUT"/*.rpm
  mkdir -p "$BUILD"
  stage_sources
  # the RPMs' Source0, before debian/ is added and built in
  tar -C "$BUILD" -czf "$BUILD/fdw-suite-$VERSION.tar.gz" "fdw-suite-$VERSION"

  build_deb
  case $want_rpm in
    0) ;;
    1)
      command -v rpmbuild >/dev/null || die "PACKAGE_RPM=1 but rpmbuild is missing (apt-get install rpm)"
      build_rpm ;;
    *)
      if command -v rpmbuild >/dev/null; then
        build_rpm
      else
        log "rpmbuild not found: no RPMs (apt-get install rpm)"
      fi ;;
  esac
  for f in "$OUT"/*.deb "$OUT"/*.rpm; do [[ -e $f ]] && log "built ${f#"$REPO"/}"; done
  return 0
}

main "$@"
