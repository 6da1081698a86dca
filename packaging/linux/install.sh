#!/usr/bin/env sh
# Add Aleppo Desktop to the desktop menu of the current user (no root needed): run from the unpacked folder.
#   ./install.sh            install the menu entry and icon, and link ~/.local/bin/aleppo-desktop
#   ./install.sh --remove   take them away again
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/aleppo-desktop.desktop" "$icons/aleppo-desktop.png" "$bin/aleppo-desktop"
  echo "removed the menu entry, icon and link"
  exit 0
fi
mkdir -p "$apps" "$icons" "$bin"
cp "$here/share/aleppo-desktop.png" "$icons/aleppo-desktop.png"
sed "s|^Exec=.*|Exec=\"$here/aleppo-desktop\" %f|" "$here/share/aleppo-desktop.desktop" >"$apps/aleppo-desktop.desktop"
ln -sf "$here/aleppo-desktop" "$bin/aleppo-desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "installed: $apps/aleppo-desktop.desktop (and $bin/aleppo-desktop)"
