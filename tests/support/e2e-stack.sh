#!/usr/bin/env bash
# Migrates and seeds the browser-test database, then runs the built web process and the workers for the browser tests; Playwright
# stops it (SIGTERM) when the run ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Playwright starts this before its global setup, so the database is prepared here.
node --import tsx scripts/db-migrate.ts
node --import tsx prisma/seed.ts
# Each process's output is also kept in var/log/e2e-*.log: Playwright shows it only with DEBUG=pw:webserver, and a
# browser test that failed because of the server is otherwise left without the server's side of the story.
mkdir -p var/log
node --import tsx workers/index.ts > >(tee var/log/e2e-workers.log) 2>&1 &
workers=$!
node --import tsx server.ts > >(tee var/log/e2e-web.log) 2>&1 &
web=$!
extra=()
if [ -f stand-in/server.ts ]; then node --import tsx stand-in/server.ts > >(tee var/log/e2e-stand-in.log) 2>&1 & extra+=($!); fi
trap 'kill -TERM $workers $web ${extra[@]+"${extra[@]}"} 2>/dev/null; wait' INT TERM EXIT
wait -n
