#!/usr/bin/env bash
# Runs the browser tests N times in a row (default 10) and counts the failed runs, optionally with both cores kept
# busy by `yes` (BUSY=2): the proof that the browser suite is green on a loaded 2-core machine (docs/testing.md).
# Needs a built console (npm run build). Extra arguments go to vitest (e.g. a single file: e2e/rounds.test.ts).
# Logs of each run go to a temp dir, never into the checkout.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
BUSY=${BUSY:-0}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-e2e-repeat.XXXXXX")
hogs=()
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_hogs EXIT
for ((i = 0; i < BUSY; i++)); do yes >/dev/null & hogs+=($!); done
failed=0
for ((run = 1; run <= RUNS; run++)); do
  start=$(date +%s)
  if npx vitest run --project browser "$@" >"$LOGS/run-$run.log" 2>&1; then verdict=passed; else verdict=FAILED; failed=$((failed + 1)); fi
  summary=$(sed "s/\x1b\[[0-9;]*m//g" "$LOGS/run-$run.log" | grep -E "^ +Tests " | tr -s " ")
  echo "run $run/$RUNS: $verdict in $(($(date +%s) - start)) s (load average after: $(cut -d' ' -f1-3 /proc/loadavg)) —$summary"
  # The failed tests' names, if any.
  sed "s/\x1b\[[0-9;]*m//g" "$LOGS/run-$run.log" | grep -E "^ +× " | sed 's/^ */    /' || true
done
echo "$failed of $RUNS runs failed (busy loops: $BUSY; load average now: $(cut -d' ' -f1-3 /proc/loadavg)); logs in $LOGS"
[ "$failed" = 0 ]
