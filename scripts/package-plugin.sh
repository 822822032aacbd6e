#!/usr/bin/env bash
# Packs the built Grafana plugins (plugins/lockstep-app/dist, from `npm run build:plugins`) the way Grafana's plugin
# catalog and validator expect: one zip whose single root folder is named by the app id, nested plugins inside.
#   bash scripts/package-plugin.sh [OUT.zip]     (default: plugins/lockstep-app/lockstep-app-<version>.zip)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/plugins/lockstep-app"
[ -f "$app/dist/plugin.json" ] || { echo "package-plugin: $app/dist is not built; run npm run build:plugins" >&2; exit 1; }
version=$(node -p "require('$app/package.json').version")
out=$(realpath -m "${1:-$app/lockstep-app-$version.zip}")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r "$app/dist" "$stage/lockstep-app"
rm -f "$out"
(cd "$stage" && python3 -m zipfile -c "$out" lockstep-app)
echo "package-plugin: wrote $out" >&2
