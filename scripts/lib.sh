# Shared helpers for the start, test and CI scripts. Sourced, not run.
# Makes sure Node dependencies, PostgreSQL and Redis are there, using
# DATABASE_URL / REDIS_URL, the local defaults, or installing and starting
# Debian's packages where it can (root or sudo on Debian/Ubuntu).

PARLEY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PARLEY_ROOT

log() { printf '\033[1;34m[parley]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[parley]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq || return 1; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

check_node() {
  command -v node >/dev/null 2>&1 || fail "Node.js 20.19 or newer is needed: https://nodejs.org (or: apt-get install nodejs npm)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || fail "Node.js $(node --version) is too old: Parley needs 20.19 or newer."
}

install_node_modules() {
  cd "$PARLEY_ROOT"
  local stamp="node_modules/.parley-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "installing npm dependencies"
    # `npm install`, not `npm ci`: registry mirrors that only serve this platform's optional
    # packages leave them out of the lock file, which `npm ci` then refuses.
    npm install --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

# Loads .env (if any) so DATABASE_URL / REDIS_URL chosen on an earlier run are reused.
load_dotenv() {
  if [ -f "$PARLEY_ROOT/.env" ]; then set -a; . "$PARLEY_ROOT/.env"; set +a; fi
}

url_host() { node -e 'const u=new URL(process.argv[1]); console.log(u.hostname.replace(/^\[|\]$/g,""))' "$1"; }
url_port() { node -e 'const u=new URL(process.argv[1]); console.log(u.port||process.argv[2])' "$1" "$2"; }
is_local_host() { case "$1" in 127.0.0.1|localhost|::1) return 0;; *) return 1;; esac; }

tcp_open() { node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),1500)' "$1" "$2"; }

wait_for_port() {
  local host=$1 port=$2 i
  for i in $(seq 1 30); do tcp_open "$host" "$port" && return 0; sleep 1; done
  return 1
}

ensure_postgres() {
  export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/parley}"
  local host port
  host=$(url_host "$DATABASE_URL"); port=$(url_port "$DATABASE_URL" 5432)
  if tcp_open "$host" "$port"; then return 0; fi
  is_local_host "$host" || fail "PostgreSQL at $host:$port does not answer. Start it, or set DATABASE_URL."
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing PostgreSQL (Debian package)"
    apt_install postgresql || fail "Could not install PostgreSQL. Install it, or set DATABASE_URL to a running server."
    FRESH_POSTGRES=1
  fi
  log "starting PostgreSQL"
  local version
  version=$(ls /etc/postgresql | sort -n | tail -1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || as_root pg_ctlcluster "$version" main start || true
  wait_for_port "$host" "$port" || fail "PostgreSQL did not start on $host:$port."
  if [ -n "${FRESH_POSTGRES:-}" ]; then
    # A fresh Debian install only trusts the postgres OS user; give Parley a password login.
    as_root su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN CREATE ROLE parley LOGIN SUPERUSER PASSWORD 'parley'; EXCEPTION WHEN duplicate_object THEN NULL; END \\\$\\\$;\"" \
      || fail "Could not create the parley database role."
    export DATABASE_URL="postgresql://parley:parley@127.0.0.1:$port/parley"
    remember_env DATABASE_URL "$DATABASE_URL"
  fi
}

ensure_redis() {
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
  local host port
  host=$(url_host "$REDIS_URL"); port=$(url_port "$REDIS_URL" 6379)
  if tcp_open "$host" "$port"; then return 0; fi
  is_local_host "$host" || fail "Redis at $host:$port does not answer. Start it, or set REDIS_URL."
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing Redis (Debian package)"
    apt_install redis-server || fail "Could not install Redis. Install it, or set REDIS_URL to a running server."
  fi
  log "starting Redis"
  mkdir -p "$PARLEY_ROOT/var/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$PARLEY_ROOT/var/redis" --logfile "$PARLEY_ROOT/var/redis/redis.log" >/dev/null
  wait_for_port "$host" "$port" || fail "Redis did not start on $host:$port."
}

# Appends KEY=VALUE to .env unless the key is already set there.
remember_env() {
  local key=$1 value=$2 file="$PARLEY_ROOT/.env"
  touch "$file"
  grep -q "^$key=" "$file" || printf '%s=%s\n' "$key" "$value" >> "$file"
}

ensure_secret() {
  if [ -z "${NEXTAUTH_SECRET:-}" ]; then
    remember_env NEXTAUTH_SECRET "$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
    load_dotenv
  fi
}

ensure_chromium() {
  if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]; then return 0; fi
  if command -v chromium >/dev/null 2>&1; then export PLAYWRIGHT_CHROMIUM_PATH="$(command -v chromium)"; return 0; fi
  if [ -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}" ] && ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}" 2>/dev/null | grep -q chromium; then return 0; fi
  log "installing Chromium for the browser tests (Debian package)"
  if apt_install chromium; then export PLAYWRIGHT_CHROMIUM_PATH="$(command -v chromium)"; return 0; fi
  log "no Debian Chromium; trying Playwright's own browser"
  npx playwright install chromium || fail "No browser for the Playwright tests. Install chromium, or set PLAYWRIGHT_CHROMIUM_PATH."
}

prepare_prisma_client() {
  cd "$PARLEY_ROOT"
  npx tsx scripts/prisma-generate.ts
}
