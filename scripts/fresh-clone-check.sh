#!/usr/bin/env bash
# Clones this repository into an empty temporary folder, with nothing beside the clone, and runs the README's test
# command there: the proof that the tests, the build and the docs need nothing outside the repository. Not part of
# `npm test` (it runs `npm test` itself, from scratch: several minutes).
#
#   bash scripts/fresh-clone-check.sh [REF]     REF defaults to HEAD; uncommitted changes are not in the clone
#   KEEP=1 bash scripts/fresh-clone-check.sh    keeps the temporary folder (its path is printed) for a look after
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-HEAD}
work=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-fresh-clone.XXXXXX")
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

# The command the README's quick start gives for the test suite, so this checks what a new user is told to run.
command=$(grep -m1 -E '^npm ci && npm test' "$repo/README.md" | sed 's/ *#.*//')
if [ -z "$command" ]; then
  echo "fresh-clone-check: README.md has no 'npm ci && npm test' line to run" >&2
  exit 2
fi

git clone --quiet --no-local "$repo" "$work/lockstep"
git -C "$work/lockstep" checkout --quiet --detach "$ref"
echo "fresh-clone-check: $(git -C "$work/lockstep" rev-parse --short HEAD) cloned into $work/lockstep"
echo "fresh-clone-check: beside the clone: $(ls -A "$work" | tr '\n' ' ')"
echo "fresh-clone-check: running: $command"
start=$(date +%s)
if (cd "$work/lockstep" && bash -c "$command"); then
  echo "fresh-clone-check: passed in $(($(date +%s) - start)) s"
else
  status=$?
  echo "fresh-clone-check: FAILED (exit $status) after $(($(date +%s) - start)) s" >&2
  exit "$status"
fi
