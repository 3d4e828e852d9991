# shellcheck shell=bash
# Sourced by scripts/run-kiosk and scripts/test: installs what the kiosk needs on a
# fresh Debian 12 machine (idempotent; next to nothing when nothing changed).
#   bootstrap_system GROUP...   Debian packages: run, test
#   bootstrap_python EXTRAS     the project's venv in .venv with pip extras ("" or "test,devices,cups")
#   bootstrap_bytecode          the kiosk's own modules compiled, for a quick start
set -euo pipefail

KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KIOSK_VENV:-$KIOSK_ROOT/.venv}"
STAMP="$VENV/.bootstrap-stamp"

# Qt's offscreen/xcb runtime libraries, CJK fonts (Qt: Noto; printed PDFs embed WenQuanYi).
QT_PACKAGES="libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libpulse0
  fonts-noto-cjk fonts-wqy-microhei"
# The real device drivers (the "devices" and "cups" extras) have no Linux wheels: pip builds
# pyscard with swig + gcc against libpcsclite-dev and pycups against libcups2-dev. pcscd is
# the smart-card service the PC/SC reader driver talks to. (--no-install-recommends: gcc
# does not bring libc6-dev by itself.)
DEVICE_PACKAGES="gcc libc6-dev swig pkg-config libpcsclite-dev libcups2-dev pcscd"
# Reading the screens aloud: Qt's speech-dispatcher plugin, espeak-ng's voices (Mandarin
# "cmn" and English); the tests also speak through them, into a file.
SPEECH_PACKAGES="speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"
RUN_PACKAGES="$QT_PACKAGES $DEVICE_PACKAGES $SPEECH_PACKAGES"
# Real services the tests use: pcscd + vpcd (virtual smart-card reader), CUPS with a PDF queue,
# the tools that check printed output, iproute2's `ss`, with which the devstack's start
# scripts wait for their ports (a minimal Debian has none), and an X server with a kiosk
# window manager, xdotool and ImageMagick's `import` for the on-screen keyboard's tests,
# and PostgreSQL's server, which the central's tests start a throwaway cluster of (in a
# chroot or container nothing starts the cluster the package makes).
TEST_PACKAGES="$RUN_PACKAGES vsmartcard-vpcd pcsc-tools cups cups-client cups-bsd
  printer-driver-cups-pdf poppler-utils zbar-tools openssl iproute2
  xvfb matchbox-window-manager xdotool imagemagick postgresql"

# Debian's python3 needs python3-venv for `python -m venv` and python3-dev for building
# the drivers; another interpreter (pyenv, a container's) brings both itself.
_python_packages() {
  python3 -c 'import ensurepip' 2>/dev/null || echo python3-venv
  python3 -c 'import os, sysconfig; raise SystemExit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    2>/dev/null || echo python3-dev
}

bootstrap_system() {
  local want="" missing
  for group in "$@"; do
    case "$group" in
      run) want="$want $RUN_PACKAGES" ;;
      test) want="$want $TEST_PACKAGES" ;;
      *) echo "unknown package group $group" >&2; return 2 ;;
    esac
  done
  want="$want $(_python_packages)"
  # One dpkg-query for all of them: the quick answer when everything is there.
  # shellcheck disable=SC2086
  missing=$(comm -23 <(printf '%s\n' $want | sort -u) \
    <(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $want 2>/dev/null | awk '$1 == "ii" {print $2}' | sort -u) | xargs)
  [ -z "$missing" ] && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing Debian packages: $missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# What the venv was last built from: the project's metadata and this script (a lock file
# too, should the project get one) and the translations lrelease compiles.
_bootstrap_hash() {
  # shellcheck disable=SC2046  # the project's file names have no spaces
  (cd "$KIOSK_ROOT" && cat pyproject.toml scripts/bootstrap.sh screens/i18n/*.ts \
    $(ls requirements*.txt ./*.lock 2>/dev/null) | sha256sum | cut -d' ' -f1)
}

# True when the stamp says the venv was built from these files with every extra in $1.
_stamp_covers() {
  local hash="$1" extras="$2" extra
  [ -f "$STAMP" ] && [ -x "$VENV/bin/python" ] && [ -f "$KIOSK_ROOT/screens/i18n/kiosk_zh_CN.qm" ] || return 1
  [ "$(head -n1 "$STAMP")" = "$hash" ] || return 1
  for extra in ${extras//,/ }; do
    grep -qxF "$extra" <(tail -n +2 "$STAMP") || return 1
  done
}

# Every step says `|| return 1`: callers may run this in an `||` list, where `set -e` is off.
bootstrap_python() {
  local extras="$1" spec="$KIOSK_ROOT" hash kept=""
  hash=$(_bootstrap_hash) || return 1
  _stamp_covers "$hash" "$extras" && return 0
  # The extras of an earlier install from the same files stay installed: keep them listed,
  # so that run-kiosk and the tests taking turns do not reinstall each time.
  [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$hash" ] && kept=$(tail -n +2 "$STAMP" | xargs)
  [ -n "$extras" ] && spec="${KIOSK_ROOT}[$extras]"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || return 1
  rm -f "$STAMP"
  "$VENV/bin/python" -m pip install -q --upgrade pip || return 1
  "$VENV/bin/python" -m pip install -q -e "$spec" || return 1
  # Qt's translation catalogue: compiled from the .ts kept in the repository.
  "$VENV/bin/pyside6-lrelease" -silent "$KIOSK_ROOT/screens/i18n/kiosk_zh_CN.ts" \
    -qm "$KIOSK_ROOT/screens/i18n/kiosk_zh_CN.qm" || return 1
  # shellcheck disable=SC2086
  { echo "$hash"; printf '%s\n' $kept ${extras//,/ } | sed '/^$/d' | sort -u; } >"$STAMP"
}

# The kiosk's modules compiled to bytecode now, as pip does for an installed package,
# and not at each start: where PYTHONDONTWRITEBYTECODE is set (containers often set it)
# Python would compile every one of them again on every start: measured, 0.2 s more to
# build the kiosk and 14 ms more to its attract screen. Only what changed since is
# compiled again; a module without bytecode still runs.
bootstrap_bytecode() {
  (cd "$KIOSK_ROOT" && "$VENV/bin/python" -m compileall -q -j 0 kiosk screens devices offline_cache central \
    >/dev/null) || echo "bootstrap: the kiosk's bytecode could not be written; it starts slower" >&2
}
