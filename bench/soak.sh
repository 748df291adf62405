#!/usr/bin/env bash
# Tenantry soak benchmark: N clients for BENCH_SECONDS on each engine, then the books are checked.
#
# Builds the release site once, then for each engine (SQLite in a temporary data directory,
# PostgreSQL in a throwaway database) starts the server pinned to CPU core 0 and runs the Python
# driver bench/soak/ pinned to core 1. Its clients mix:
#   orders     POST /api/v1/orders, paid by test card (Prefer: wait=60); some re-send an earlier
#              Idempotency-Key with the same body (the same order is expected), a few with another
#              body (409 expected)
#   logins     the operator's (200 expected) and unknown accounts' from 127.0.0.2 (422 or 429)
#   portal     an instance's admin logs in on <name>.localhost, previews and confirms a change of
#              the subscription (200, or 409/422 while another change is under way); some
#              confirmations are sent twice (the same change order is expected)
#   API reads  GET /api/v1/orders?limit=20, /api/v1/plans, /api/v1/orders/{id}
# It prints requests, req/s, p50/p99 per kind and the answers (status codes, transport errors),
# waits for the orders to settle, and checks the books in the platform database: one charge per
# paid order, no refund of a kept charge, gapless invoice numbers, every order final, no
# provisioning job repeated, no idempotency key without its order, one order per key.
#
# Usage:  bench/soak.sh               full run (installs missing tools, builds, both engines)
#         bench/soak.sh --self-test   only test the driver's parsers and checks (no server)
# Env:    BENCH_SECONDS       load per engine in seconds (default 60)
#         BENCH_CLIENTS       concurrent clients (default 8)
#         BENCH_ENGINES       "sqlite postgres" (default), or one of them
#         BENCH_SKIP_BUILD=1  skip the build; use the existing release binary and target/site
#         CARGO_TARGET_DIR    where cargo puts the binary (default <checkout>/target)
#
# Only 127.0.0.1 is ever targeted. All waits are bounded. Exit status 1 if a check failed.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the checkout

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"

BENCH_SECONDS="${BENCH_SECONDS:-60}"
BENCH_CLIENTS="${BENCH_CLIENTS:-8}"
BENCH_ENGINES="${BENCH_ENGINES:-sqlite postgres}"
BENCH_SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
HEALTH_TIMEOUT_SECONDS=60
CLI_TIMEOUT_SECONDS=60
SETTLE_TIMEOUT_SECONDS=180 # after the load, for the orders still moving to finish
SETTLE_STALL_SECONDS=60    # ... but give up once nothing changed for this long
DROP_TIMEOUT_SECONDS=1800  # hundreds of tenant databases take a minute or two to drop
DROP_ROUNDS=5
OPERATOR_PASSWORD="soak-operator-password"
FRAUD_LIMIT=100000000

TMP=""
SERVER_PID=""
SERVER_BIN=""  # the build, copied into TMP
SITE_ROOT=""
SERVER_ENV=()
API_KEY=""
ADMIN_URL=""   # from scripts/pg.sh
DB=""          # tenantry_soak_<12 hex> while a PostgreSQL run is on; tenant databases <DB>_t<id>
DB_URL=""
DB_RUN_ID=""

self_test() {
    ensure_cmd python3 python3
    python3 "$SCRIPT_DIR/soak" self-test
}

ensure_tools() {
    ensure_cmd python3 python3
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "python3 is $(python3 -V 2>&1); the driver needs 3.11 or newer"
    ensure_cmd taskset util-linux
    ensure_cmd curl curl
    ensure_cmd timeout coreutils
    [[ " $BENCH_ENGINES " != *" sqlite "* ]] || ensure_cmd sqlite3 sqlite3
    [[ " $BENCH_ENGINES " != *" postgres "* ]] || ensure_cmd psql postgresql-client
    [[ "$BENCH_SKIP_BUILD" == "1" ]] || ensure_build_tools
    ensure_two_cores
}

# Copies the binary, its hash.txt and the site into TMP: the target directory may be shared with
# other checkouts, whose builds would otherwise replace them during the run.
freeze_build() {
    local bin="$TARGET_DIR/release/tenantry" site="$ROOT/target/site"
    [[ -x "$bin" ]] || die "server binary not found at $bin (build first, or set CARGO_TARGET_DIR)"
    [[ -d "$site/pkg" ]] || site="$TARGET_DIR/site"
    [[ -d "$site/pkg" ]] || die "target/site/pkg not found in $ROOT/target or $TARGET_DIR; build first"
    mkdir -p "$TMP/build"
    cp "$bin" "$TMP/build/tenantry"
    [[ ! -f "$TARGET_DIR/release/hash.txt" ]] || cp "$TARGET_DIR/release/hash.txt" "$TMP/build/hash.txt"
    cp -r "$site" "$TMP/build/site"
    SERVER_BIN="$TMP/build/tenantry"
    SITE_ROOT="$TMP/build/site"
    log "using $bin (copied) and $site"
}

# What the server logged at WARN and above, in short.
server_log_summary() {
    local f="$TMP/server.log" errors panics
    [[ -f "$f" ]] || return 0
    errors="$(grep -c ' ERROR ' "$f" || true)"
    panics="$(grep -c 'panicked' "$f" || true)"
    printf 'server log: %s ERROR line(s), %s panic(s)\n' "$errors" "$panics"
    grep -E ' ERROR |panicked' "$f" | sed -E 's/\x1b\[[0-9;]*m//g' | cut -c1-300 | sort | uniq -c \
        | sort -rn | head -n 5 | sed 's/^/  /' || true
}

# run_engine ENGINE -> the driver's exit status (0 all checks passed, 1 a check failed)
run_engine() {
    local engine="$1" dir="$TMP/$1" port db_target database_url rc=0
    mkdir -p "$dir"
    port="$(pick_port)"
    case "$engine" in
        sqlite)
            database_url="sqlite://$dir/platform.db"
            db_target="sqlite:$dir/platform.db"
            ;;
        postgres)
            create_pg_database tenantry_soak
            database_url="$DB_URL"
            db_target="$DB_URL"
            ;;
        *) die "unknown engine '$engine' in BENCH_ENGINES (sqlite, postgres)" ;;
    esac
    SERVER_ENV=(
        DATABASE_URL="$database_url"
        TENANTRY_LISTEN="127.0.0.1:$port"
        TENANTRY_DATA_DIR="$dir"
        LEPTOS_SITE_ROOT="$SITE_ROOT"
        LEPTOS_SITE_PKG_DIR=pkg
        LEPTOS_HASH_FILES=true
        TENANTRY_OPERATOR_PASSWORD="$OPERATOR_PASSWORD"
        TENANTRY_FRAUD_MAX_ORDERS_PER_IP="$FRAUD_LIMIT"
        TENANTRY_FRAUD_MAX_ORDERS_PER_EMAIL="$FRAUD_LIMIT"
        RUST_LOG=warn
    )
    start_server_env "$port"
    wait_healthy "http://127.0.0.1:$port"
    # After start-up, so the database is migrated and the operator account exists.
    create_api_key soak

    echo
    SOAK_API_KEY="$API_KEY" SOAK_OPERATOR_PASSWORD="$OPERATOR_PASSWORD" \
        taskset -c 1 python3 "$SCRIPT_DIR/soak" run --engine "$engine" --port "$port" \
        --db "$db_target" --manifest-dir "$ROOT/app" --binary "$SERVER_BIN" \
        --seconds "$BENCH_SECONDS" --clients "$BENCH_CLIENTS" \
        --run-id "$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')" \
        --settle-seconds "$SETTLE_TIMEOUT_SECONDS" --stall-seconds "$SETTLE_STALL_SECONDS" \
        --summary "$dir/summary.json" || rc=$?
    server_log_summary
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        server_log_tail
        log "ERROR: the server exited during the run"
        rc=1
    fi
    stop_server
    SERVER_PID=""
    if [[ "$engine" == postgres ]]; then
        drop_databases
        DB=""
    fi
    ((rc != 2)) || die "the driver could not run on $engine (see above)"
    return "$rc"
}

main() {
    [[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer (got '$BENCH_SECONDS')"
    [[ "$BENCH_CLIENTS" =~ ^[1-9][0-9]*$ ]] && ((BENCH_CLIENTS <= 256)) \
        || die "BENCH_CLIENTS must be an integer from 1 to 256 (got '$BENCH_CLIENTS')"
    local engine
    for engine in $BENCH_ENGINES; do
        [[ "$engine" == sqlite || "$engine" == postgres ]] || die "unknown engine '$engine' in BENCH_ENGINES"
    done

    trap cleanup_server_and_databases EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TMP="$(mktemp -d)"

    ensure_tools
    [[ " $BENCH_ENGINES " != *" postgres "* ]] || ensure_postgres
    if [[ "$BENCH_SKIP_BUILD" == "1" ]]; then
        log "BENCH_SKIP_BUILD=1: using the existing build"
    else
        build_release
    fi
    freeze_build

    local results=() rc=0 one
    for engine in $BENCH_ENGINES; do
        one=0
        run_engine "$engine" || one=$?
        if ((one == 0)); then results+=("$engine: all checks passed")
        else results+=("$engine: FAILED (see the checks above)"); rc=1; fi
    done
    echo
    printf 'soak, %s clients for %s s per engine:\n' "$BENCH_CLIENTS" "$BENCH_SECONDS"
    printf '  %s\n' "${results[@]}"
    return "$rc"
}

case "${1:-}" in
    --self-test) self_test ;;
    "") main ;;
    -h | --help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown argument: $1 (try --help)" ;;
esac
