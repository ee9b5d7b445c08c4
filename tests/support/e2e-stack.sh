#!/usr/bin/env bash
# Runs the built web process and the workers for the browser tests; Playwright
# stops it (SIGTERM) when the run ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
node --import tsx workers/index.ts &
workers=$!
node --import tsx server.ts &
web=$!
extra=()
if [ -f stand-in/server.ts ]; then node --import tsx stand-in/server.ts & extra+=($!); fi
trap 'kill -TERM $workers $web ${extra[@]+"${extra[@]}"} 2>/dev/null; wait' INT TERM EXIT
wait -n
