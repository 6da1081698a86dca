#!/usr/bin/env bash
# Build the installer bundle with PyInstaller: dist/aleppo-desktop/ (one folder) and, on Linux,
# dist/aleppo-desktop-<version>-linux-<arch>.tar.gz with a desktop entry, an icon and install.sh.
#   packaging/build.sh                     from the repository root or anywhere; uses .venv (./dev.sh setup)
#   ALEPPO_ONEFILE=1 packaging/build.sh    one self-extracting executable instead of a folder
#   PYTHON=/path/to/python packaging/build.sh
# Work files go to build/pyinstaller/, results to dist/. Prints the build time and the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=.venv/Scripts/python.exe  # Windows (Git Bash) venv layout
NAME=aleppo-desktop
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
started=$(date +%s)

rm -rf "dist/$NAME" "dist/$NAME.app" "dist/Aleppo Desktop.app"
"$PY" -m PyInstaller --noconfirm --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/aleppo-desktop.spec

case "$(uname -s)" in
  Linux)
    os=linux
    if [ "${ALEPPO_ONEFILE:-0}" = "0" ]; then
      bundle="dist/$NAME"
      # Strip symbol tables from the shared libraries (about 35 MB, most of it libpython), but not the
      # libraries that auditwheel patched into the wheels' *.libs/ folders (numpy's OpenBLAS and
      # gfortran, GEOS, PROJ): strip breaks patchelf'd files ("ELF load command ... not page-aligned").
      if command -v strip >/dev/null; then
        find "$bundle" -type f -name '*.so*' ! -path '*.libs/*' -print0 |
          xargs -0 strip --strip-unneeded 2>/dev/null || true
      fi
      mkdir -p "$bundle/share"
      cp packaging/linux/aleppo-desktop.desktop "$bundle/share/"
      cp packaging/icons/aleppo-desktop-256.png "$bundle/share/aleppo-desktop.png"
      cp packaging/linux/install.sh "$bundle/install.sh"
      chmod +x "$bundle/install.sh"
      archive="dist/$NAME-$VERSION-$os-$(uname -m).tar.gz"
      tar -C dist -cf - "$NAME" | gzip -9 >"$archive"
    fi
    ;;
  Darwin) os=macos ;;
  *) os=windows ;;
esac

echo "built $NAME $VERSION for $os in $(($(date +%s) - started)) s"
if [ -d "dist/$NAME" ]; then
  echo "folder  dist/$NAME: $(du -sm "dist/$NAME" | cut -f1) MB"
fi
if [ -n "${archive:-}" ]; then
  echo "archive $archive: $(($(stat -c %s "$archive") / 1048576)) MB"
fi
