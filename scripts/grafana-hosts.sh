#!/usr/bin/env bash
# Installs what each Grafana release the browser harness runs against shares with plugins
# (test/grafana/hosts/<release>/: @grafana/data|ui|runtime, React, ...), each from its own lockfile.
# npm runs this before `npm test`; it does nothing when a host is already installed from its current lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

for dir in test/grafana/hosts/*/; do
  dir=${dir%/}
  stamp="$dir/node_modules/.lockstep-lock-sha256"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  echo "grafana-hosts: installing $(basename "$dir") (npm ci, about a minute)..." >&2
  npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
  echo "$want" > "$stamp"
done
