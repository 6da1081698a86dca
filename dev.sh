#!/usr/bin/env bash
# Set up a development environment on Debian/Ubuntu and run the app or the tests.
#   ./dev.sh run [ARGS...]   set up, then start aleppo-desktop on the bundled Aleppo 2016 scenario
#   ./dev.sh test [ARGS...]  set up, then run the whole test suite
#   ./dev.sh setup           only set up (system packages when missing, .venv, editable install)
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  python3-venv
  # Qt offscreen and on a real display (xcb), fonts config, GL
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
  # independent checkers used by the export tests (QGIS opens the GeoPackage's stored project)
  ffmpeg gdal-bin poppler-utils qgis python3-qgis
)

setup_system() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_python() {
  local py=${PYTHON:-python3}
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
}

cmd=${1:-run}
shift || true
case "$cmd" in
  setup) setup_system; setup_python ;;
  run) setup_system; setup_python; exec .venv/bin/aleppo-desktop "$@" ;;
  test)
    setup_system; setup_python
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    set -e
    # pytest exits 5 when it collected no tests: that is a failure, not a pass.
    [ $rc -eq 5 ] && { echo "pytest collected no tests" >&2; exit 1; }
    exit $rc
    ;;
  *) echo "usage: ./dev.sh run|test|setup [ARGS...]" >&2; exit 2 ;;
esac
