#!/usr/bin/env bash
# The first README command: installs what is missing, migrates, seeds, builds
# and runs Parley (web + workers + provider stand-in) with demo data.
# Safe to run again: every step checks before it acts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

check_node
load_dotenv
install_node_modules
ensure_postgres
ensure_redis
ensure_secret
export PORT="${PORT:-3000}"
export NODE_ENV=production
export PARLEY_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
export NEXTAUTH_URL="$PARLEY_URL"

if curl -fsS "$PARLEY_URL/api/health" >/dev/null 2>&1; then
  log "Parley is already running at $PARLEY_URL"
  exit 0
fi

prepare_prisma_client
npx tsx scripts/db-migrate.ts
npx tsx prisma/seed.ts

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.ts package-lock.json -newer .next/BUILD_ID -type f -not -path 'lib/generated/*' 2>/dev/null | head -1)" ]; then
  log "building the web app (takes a minute or two)"
  npx next build >var-build.log 2>&1 || { cat var-build.log; fail "next build failed"; }
  rm -f var-build.log
fi

mkdir -p var/log
pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

node --import tsx workers/index.ts > >(tee var/log/workers.log) 2>&1 &
pids+=($!)
node --import tsx server.ts > >(tee var/log/web.log) 2>&1 &
pids+=($!)
if [ -f stand-in/server.ts ]; then
  node --import tsx stand-in/server.ts > >(tee var/log/stand-in.log) 2>&1 &
  pids+=($!)
fi

for _ in $(seq 1 60); do
  if curl -fsS "$PARLEY_URL/api/health" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "$PARLEY_URL/api/health" >/dev/null 2>&1 || { curl -sS "$PARLEY_URL/api/health" || true; fail "Parley did not become healthy; see var/log/."; }

cat <<MSG

  Parley is running at $PARLEY_URL

  Demo logins (password: parley-demo)
    agent       alice@acme.test   (also bob@acme.test, carol@acme.test)
    supervisor  supervisor@acme.test
    admin       admin@acme.test
    other company (external): gina@globex.test, gus@globex.test

  Customer web chat: $PARLEY_URL/chat/acme-support   and   $PARLEY_URL/chat/acme-sales
  Customer SMS / WhatsApp (provider stand-in): http://127.0.0.1:${STAND_IN_PORT:-4010}/
    Support SMS +15550100100 · Support WhatsApp +15550100200 · Sales SMS +15550100300 · Alice's direct line +15550100400
  Logs: var/log/   ·   Stop: Ctrl+C

MSG
# If any process stops, stop the others too (the EXIT trap).
wait -n || true
