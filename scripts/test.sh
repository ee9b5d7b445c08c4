#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit + integration tests (real PostgreSQL and
# Redis), then browser tests against the built app. Installs what is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

check_node
load_dotenv
install_node_modules
ensure_postgres
ensure_redis
ensure_chromium
prepare_prisma_client

log "typecheck"; npx tsc --noEmit
log "lint"; npx eslint . --max-warnings=0
log "build"; NODE_ENV=production npx next build >/tmp/parley-test-build.log 2>&1 || { cat /tmp/parley-test-build.log; fail "next build failed"; }
log "unit and integration tests"; npx vitest run
log "browser tests"; npx playwright test
