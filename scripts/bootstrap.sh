# shellcheck shell=bash
# Sourced by scripts/run-kiosk and scripts/test: installs what the kiosk needs on a
# fresh Debian 12 machine (idempotent; quick when everything is there already).
#   bootstrap_system GROUP...   Debian packages: run, test
#   bootstrap_python EXTRAS     the project's venv in .venv with pip extras ("" or "test,cups")
set -euo pipefail

KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KIOSK_VENV:-$KIOSK_ROOT/.venv}"

# Qt's offscreen/xcb runtime libraries, CJK fonts (Qt: Noto; printed PDFs embed WenQuanYi).
RUN_PACKAGES="libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libpulse0
  fonts-noto-cjk fonts-wqy-microhei"
# Real services the tests use: pcscd + vpcd (virtual smart-card reader), CUPS with a PDF queue,
# build headers for pyscard/pycups, and the tools that check printed output.
TEST_PACKAGES="$RUN_PACKAGES pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools cups cups-client cups-bsd
  printer-driver-cups-pdf libcups2-dev poppler-utils zbar-tools openssl gcc"

bootstrap_system() {
  local want="" missing p
  for group in "$@"; do
    case "$group" in
      run) want="$want $RUN_PACKAGES" ;;
      test) want="$want $TEST_PACKAGES" ;;
      *) echo "unknown package group $group" >&2; return 2 ;;
    esac
  done
  missing=$(for p in $want; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"; done | sort -u | xargs)
  [ -z "$missing" ] && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing Debian packages: $missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

bootstrap_python() {
  local extras="$1" spec="$KIOSK_ROOT"
  [ -n "$extras" ] && spec="$KIOSK_ROOT[$extras]"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$spec"
  # Qt's translation catalogue: compiled from the .ts kept in the repository.
  "$VENV/bin/pyside6-lrelease" -silent "$KIOSK_ROOT/screens/i18n/kiosk_zh_CN.ts" \
    -qm "$KIOSK_ROOT/screens/i18n/kiosk_zh_CN.qm"
}
