#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real (npm runs this before `npm test`):
#   prometheus     — promtool (`check metrics`, `check rules`, `test rules`) and a live Prometheus for the alert tests;
#   chromium       — headless browser for the Grafana plugin harness (driven by playwright-core);
#   docker-compose — `docker-compose config` validates docker-compose.yml (no Docker engine needed);
#   postgresql     — initdb and pg_ctl for the PostgreSQL store's tests, each run on a throw-away server
#                    (scripts/postgres-server.sh; the package's own cluster is never used or started).
# Does nothing when they are already there. Needs root (or passwordless sudo) and Debian's apt.
set -euo pipefail

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# Debian keeps the server binaries off PATH, in /usr/lib/postgresql/VERSION/bin.
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "system-deps: the tests need Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root." >&2
  exit 1
fi

echo "system-deps: installing ${missing[*]} from Debian (once)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
# A policy-rc.d keeps the packages from starting their own Prometheus and PostgreSQL services (tests start theirs on free ports);
# an existing one is left alone.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  "${sudo[@]}" sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v promtool >/dev/null && echo "system-deps: $(promtool --version 2>&1 | head -1)" >&2
command -v chromium >/dev/null && echo "system-deps: $(chromium --version 2>/dev/null | tail -1)" >&2
command -v docker-compose >/dev/null && echo "system-deps: $(docker-compose version --short 2>&1 | head -1)" >&2
for postgres in /usr/lib/postgresql/*/bin/postgres; do [ -x "$postgres" ] && echo "system-deps: $("$postgres" --version)" >&2; done
true
