#!/usr/bin/env bash
# Migrates and seeds the browser-test database, then runs the built web process and the workers for the browser tests; Playwright
# stops it (SIGTERM) when the run ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Playwright starts this before its global setup, so the database is prepared here.
node --import tsx scripts/db-migrate.ts
node --import tsx prisma/seed.ts
node --import tsx workers/index.ts &
workers=$!
node --import tsx server.ts &
web=$!
extra=()
if [ -f stand-in/server.ts ]; then node --import tsx stand-in/server.ts & extra+=($!); fi
trap 'kill -TERM $workers $web ${extra[@]+"${extra[@]}"} 2>/dev/null; wait' INT TERM EXIT
wait -n
