#!/usr/bin/env bash
# Runs the unit tests (vitest project `unit`) on a current Node.js LTS taken from the npm registry, without touching
# the checkout: Node's own binary package (node-<platform>-<arch>, published on npm by the Node.js project's
# `node` package) goes into a temp prefix; a copy of the checkout's files is installed with `npm ci` under that
# Node, better-sqlite3 built from source against the headers shipped in the same package (no download from other
# hosts), and tested there. CI runs it after the README's test command (.ci/run); docs/testing.md.
# NODE_LTS=24 scripts/test-node-lts.sh picks another major (default below); extra arguments go to vitest.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAJOR=${NODE_LTS:-24}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-node-lts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
echo "▶ Node $MAJOR from the npm registry ($pkg) into $WORK/node"
npm install --prefix "$WORK/node" --no-save --no-audit --no-fund --loglevel=error "$pkg@$MAJOR" >/dev/null
NODEDIR="$WORK/node/node_modules/$pkg"
[ -x "$NODEDIR/bin/node" ] || { echo "✘ $pkg@$MAJOR has no bin/node" >&2; exit 1; }
[ -f "$NODEDIR/include/node/node_api.h" ] || { echo "✘ $pkg@$MAJOR has no headers (include/node)" >&2; exit 1; }
export PATH="$NODEDIR/bin:$PATH"
echo "  node $(node -v), npm $(npm -v)"

echo "▶ a copy of the checkout in $WORK/ecoplan"
mkdir -p "$WORK/ecoplan"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # The files git knows and the new ones it does not ignore: what a fresh clone of this work tree would hold.
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done) |
    tar -C "$ROOT" --null -T - -cf - | tar -C "$WORK/ecoplan" -xf -
else
  tar -C "$ROOT" --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./test-results -cf - . | tar -C "$WORK/ecoplan" -xf -
fi

echo "▶ npm ci under Node $MAJOR (better-sqlite3 from source against $pkg's headers; prepare builds dist/)"
cd "$WORK/ecoplan"
npm_config_build_from_source=true npm_config_nodedir="$NODEDIR" npm ci --no-audit --no-fund --loglevel=error
node -e 'const D = require("better-sqlite3"); const db = new D(":memory:"); console.log("  better-sqlite3 loads under", process.version, "— SQLite", db.prepare("select sqlite_version() v").get().v)'

echo "▶ unit tests under Node $MAJOR"
npx vitest run --project unit "$@"
