#!/usr/bin/env bash
# Tenantry REST API order benchmark, on PostgreSQL.
#
# Creates a throwaway PostgreSQL database, builds the release site, starts the server pinned to
# CPU core 0 and drives it with wrk pinned to CPU core 1. Measures:
#   (a) orders      POST /api/v1/orders with 8 concurrent clients. Each request is a new paid
#                   order by test card sent with "Prefer: wait=60": the background job provisions
#                   the instance and the server answers 201 with "status":"completed" once it is
#                   ready. No warm-up: every order creates a database.
#   (b) storefront  GET /  with 32 connections, as bench/run.sh does
# and counts the active tenants afterwards, to show that the orders were real.
#
# Usage:  bench/api_orders.sh               full run (installs missing tools, builds, measures)
#         bench/api_orders.sh --self-test   only test this script's parsers (no install, no build)
# Env:    BENCH_SECONDS       duration of each measured wrk run in seconds (default 10)
#         BENCH_SKIP_BUILD=1  skip the build; use the existing target/release/tenantry and target/site
#
# Only 127.0.0.1 is ever targeted. All waits are bounded.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"

BENCH_SECONDS="${BENCH_SECONDS:-10}"
BENCH_SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
WARMUP_SECONDS=2          # storefront only (run_wrk); the orders run has no warm-up
WRK_THREADS=1
WRK_CONNECTIONS=32        # storefront, as in bench/run.sh
ORDER_CONNECTIONS=8
ORDER_TIMEOUT_SECONDS=60  # wrk --timeout: slower answers would be left out of the latency histogram
HEALTH_TIMEOUT_SECONDS=60
CLI_TIMEOUT_SECONDS=60
SETTLE_TIMEOUT_SECONDS=60 # after the orders run, for orders still in flight to finish
SETTLE_STALL_SECONDS=10
DROP_TIMEOUT_SECONDS=1800 # a few hundred tenant databases take a minute or two to drop
DROP_ROUNDS=5
OPERATOR_PASSWORD="bench-password-123"
FRAUD_LIMIT=100000000

TMP=""
SERVER_PID=""
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/tenantry"
ADMIN_URL=""   # from scripts/pg.sh: postgres://tenantry:tenantry@127.0.0.1:5432/postgres
DB=""          # tenantry_bench_<12 hex>; tenant databases are <DB>_t<id>
DB_URL=""
RUN_PREFIX=""  # 6 hex; instance names are b<RUN_PREFIX>-<thread>-<n>
API_KEY=""
SERVER_ENV=()

# ---------------------------------------------------------------------------
# parsing of the orders run (wrk output + the lines api_orders.lua's done() writes)
# ---------------------------------------------------------------------------
# Sum of wrk's socket errors (connect + read + write + timeout); 0 if the line is absent.
wrk_socket_errors() {
    awk '/Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i + 0 }
         END { print s + 0 }' "$1"
}

# lua_count FILE NAME -> the number after "NAME: " (api_orders.lua's summary); nothing if absent.
lua_count() {
    awk -v k="$2:" '$1 == k && $2 ~ /^[0-9]+$/ { print $2; exit }' "$1"
}

# Whether a JSON body says "status":"completed".
is_completed() { grep -Eq '"status"[[:space:]]*:[[:space:]]*"completed"' <<<"$1"; }

self_test() {
    local dir fails=0
    dir="$(mktemp -d)"
    # shellcheck disable=SC2064  # expand $dir now
    trap "rm -rf '$dir'" EXIT
    check() { # name expected actual
        if [[ "$2" == "$3" ]]; then printf 'ok    %s = %s\n' "$1" "$3"
        else printf 'FAIL  %s: expected [%s] got [%s]\n' "$1" "$2" "$3"; fails=$((fails + 1)); fi
    }
    # Hand-written sample of `wrk -t1 -c8 -d10s --latency --timeout 60s -s api_orders.lua URL`.
    cat >"$dir/ok.txt" <<'EOF'
Running 10s test @ http://127.0.0.1:3400/api/v1/orders
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.30ms   95.12ms 901.00ms   70.00%
    Req/Sec    19.80      5.10    30.00     60.00%
  Latency Distribution
     50%  400.11ms
     75%  470.02ms
     90%  530.50ms
     99%  812.00ms
  194 requests in 10.01s, 120.33KB read
Requests/sec:     19.38
Transfer/sec:     12.02KB
orders-completed: 194
orders-not-completed: 0
EOF
    check "parse_wrk(ok)" "19.38 812.000" "$(parse_wrk "$dir/ok.txt" || echo PARSE-ERROR)"
    check "socket-errors(ok)" "0" "$(wrk_socket_errors "$dir/ok.txt")"
    check "non2xx(ok)" "0" "$(wrk_non2xx "$dir/ok.txt")"
    check "completed(ok)" "194" "$(lua_count "$dir/ok.txt" orders-completed)"
    check "not-completed(ok)" "0" "$(lua_count "$dir/ok.txt" orders-not-completed)"
    cat >"$dir/bad.txt" <<'EOF'
Running 10s test @ http://127.0.0.1:3400/api/v1/orders
  1 threads and 8 connections
  Latency Distribution
     99%    1.20s
  41 requests in 10.00s, 20.00KB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 12
Requests/sec:      4.10
Transfer/sec:      2.00KB
orders-completed: 29
orders-not-completed: 12
first-bad-response: 409 {"error":{"code":"conflict","message":"taken"}}
EOF
    check "parse_wrk(bad)" "4.10 1200.000" "$(parse_wrk "$dir/bad.txt" || echo PARSE-ERROR)"
    check "socket-errors(bad)" "5" "$(wrk_socket_errors "$dir/bad.txt")"
    check "non2xx(bad)" "12" "$(wrk_non2xx "$dir/bad.txt")"
    check "completed(bad)" "29" "$(lua_count "$dir/bad.txt" orders-completed)"
    check "not-completed(bad)" "12" "$(lua_count "$dir/bad.txt" orders-not-completed)"
    check "completed(absent)" "" "$(lua_count /dev/null orders-completed)"
    check "is_completed(yes)" "yes" "$(is_completed '{"id":1,"status" : "completed"}' && echo yes || echo no)"
    check "is_completed(no)" "no" "$(is_completed '{"id":1,"status":"awaiting_approval"}' && echo yes || echo no)"
    check "order_body" '{"plan":"erp-business","company":"Bench Ltd","contact_name":"Bench","email":"bench-bx-0-1@example.com","password":"bench-password-123","instance_name":"bx-0-1","period_months":1,"billing_country":"FR","billing_address":"1 rue de la Paix, 75002 Paris","payment_method":"card","card":{"number":"4242424242424242","exp_month":12,"exp_year":2030,"cvc":"123"}}' \
        "$(order_body bx-0-1)"
    if ((fails > 0)); then die "self-test: $fails check(s) failed"; fi
    echo "self-test: all checks passed"
}

# The JSON body of one order; api_orders.lua sends the same shape.
order_body() { # instance-name
    printf '{"plan":"erp-business","company":"Bench Ltd","contact_name":"Bench","email":"bench-%s@example.com","password":"bench-password-123","instance_name":"%s","period_months":1,"billing_country":"FR","billing_address":"1 rue de la Paix, 75002 Paris","payment_method":"card","card":{"number":"4242424242424242","exp_month":12,"exp_year":2030,"cvc":"123"}}' \
        "$1" "$1"
}

# ---------------------------------------------------------------------------
# tools and PostgreSQL
# ---------------------------------------------------------------------------
ensure_tools() {
    ensure_cmd wrk wrk
    ensure_cmd curl curl
    ensure_cmd taskset util-linux
    ensure_cmd psql postgresql-client
    ensure_cmd timeout coreutils
    [[ "$BENCH_SKIP_BUILD" == "1" ]] || ensure_build_tools
    ensure_two_cores
}

# The platform database tenantry_bench_<12 hex>; instance names use its first 6 hex digits.
create_database() {
    create_pg_database tenantry_bench
    RUN_PREFIX="${DB_RUN_ID:0:6}"
}

# ---------------------------------------------------------------------------
# server
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# load
# ---------------------------------------------------------------------------
# run_orders URL -> writes $TMP/wrk-orders.txt, prints "rps p99ms completed requests"
run_orders() {
    local url="$1" out="$TMP/wrk-orders.txt" res bad sock ok notok
    [[ "$url" == http://127.0.0.1:* ]] || die "refusing to load-test non-local URL $url"
    log "measuring ${BENCH_SECONDS}s: orders ($url, $ORDER_CONNECTIONS clients, no warm-up)"
    BENCH_API_KEY="$API_KEY" BENCH_RUN_PREFIX="$RUN_PREFIX" \
        taskset -c 1 wrk "-t$WRK_THREADS" "-c$ORDER_CONNECTIONS" "-d${BENCH_SECONDS}s" --latency \
        --timeout "${ORDER_TIMEOUT_SECONDS}s" -s "$SCRIPT_DIR/api_orders.lua" "$url" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed for orders"; }
    res="$(parse_wrk "$out")" || { cat "$out" >&2; die "could not parse wrk output for orders"; }
    bad="$(wrk_non2xx "$out")"
    sock="$(wrk_socket_errors "$out")"
    ok="$(lua_count "$out" orders-completed)"
    notok="$(lua_count "$out" orders-not-completed)"
    [[ -n "$ok" && -n "$notok" ]] || { cat "$out" >&2; die "api_orders.lua printed no order counts"; }
    if [[ "$bad" != "0" || "$sock" != "0" || "$notok" != "0" ]]; then
        cat "$out" >&2
        die "orders: $bad non-2xx/3xx responses, $sock socket errors, $notok answers without \"status\":\"completed\"; numbers would be meaningless"
    fi
    ((ok > 0)) || { cat "$out" >&2; die "orders: no order completed in ${BENCH_SECONDS}s"; }
    printf '%s %s %s\n' "$res" "$ok" "$(awk '/ requests in / { print $1; exit }' "$out")"
}

tenant_count() { # state -> number of tenants in that state
    bpsql --platform -c "SELECT count(*) FROM tenants WHERE state = '$1'"
}

# Orders still in flight when wrk stopped may go on in the server; wait for them, up to
# SETTLE_TIMEOUT_SECONDS, and give up sooner once the count has not gone down for SETTLE_STALL_SECONDS.
wait_settled() {
    local i n="" last="" since=0
    for ((i = 0; i < SETTLE_TIMEOUT_SECONDS * 2; i++)); do
        n="$(tenant_count provisioning)" || die "cannot count tenants in $DB"
        [[ "$n" == "0" ]] && return 0
        if [[ "$n" == "$last" ]]; then
            since=$((since + 1))
            ((since < SETTLE_STALL_SECONDS * 2)) || break
        else
            last="$n" since=0
        fi
        sleep 0.5
    done
    log "WARNING: $n tenant(s) still provisioning after the run (their requests were cut off when wrk stopped)"
}

# ---------------------------------------------------------------------------
main() {
    [[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer (got '$BENCH_SECONDS')"

    trap cleanup_server_and_databases EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TMP="$(mktemp -d)"

    ensure_tools
    ensure_postgres

    cd "$ROOT"
    if [[ "$BENCH_SKIP_BUILD" == "1" ]]; then
        log "BENCH_SKIP_BUILD=1: using the existing build"
    else
        build_release
    fi
    [[ -d "$ROOT/target/site/pkg" ]] || die "$ROOT/target/site/pkg not found; build first"

    create_database

    local port base
    port="$(pick_port)"
    base="http://127.0.0.1:$port"
    SERVER_ENV=(
        DATABASE_URL="$DB_URL"
        TENANTRY_LISTEN="127.0.0.1:$port"
        TENANTRY_DATA_DIR="$TMP"
        LEPTOS_SITE_ROOT=target/site
        LEPTOS_SITE_PKG_DIR=pkg
        LEPTOS_HASH_FILES=true
        TENANTRY_OPERATOR_PASSWORD="$OPERATOR_PASSWORD"
        TENANTRY_FRAUD_MAX_ORDERS_PER_IP="$FRAUD_LIMIT"
        TENANTRY_FRAUD_MAX_ORDERS_PER_EMAIL="$FRAUD_LIMIT"
        RUST_LOG=warn
    )
    start_server_env "$port"
    wait_healthy "$base"
    # After start-up, so the database is migrated and the operator account exists.
    create_api_key bench

    # --- preflight: the storefront answers, and one order goes through --------------
    local store_url="$base/" orders_url="$base/api/v1/orders" code name body
    code="$(http_status "$store_url")"
    [[ "$code" == "200" ]] || die "GET / answered $code, expected 200"

    name="b$RUN_PREFIX-0-1"  # thread 0: the preflight order; wrk's threads count from 1
    log "preflight order: POST /api/v1/orders ($name)"
    code="$(lcurl -s --max-time "$ORDER_TIMEOUT_SECONDS" -o "$TMP/preflight.json" -w '%{http_code}' \
        -X POST -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -H 'Accept: application/json' -H 'Prefer: wait=60' -H "Idempotency-Key: bench-$name" \
        --data-binary "$(order_body "$name")" "$orders_url" || true)"
    body="$(cat "$TMP/preflight.json" 2>/dev/null || true)"
    printf '[bench] preflight order answered %s: %s\n' "$code" "$body" >&2
    if [[ "$code" != "201" ]] || ! is_completed "$body"; then
        server_log_tail
        die "preflight order: expected 201 with \"status\":\"completed\""
    fi

    # --- load --------------------------------------------------------------------------
    local orders_res o_rps o_p99 o_ok o_reqs
    orders_res="$(run_orders "$orders_url")"
    read -r o_rps o_p99 o_ok o_reqs <<<"$orders_res"
    wait_settled

    local store_res s_rps s_p99
    store_res="$(run_wrk storefront "$store_url")"
    read -r s_rps s_p99 <<<"$store_res"

    # --- proof: tenants and their databases --------------------------------------------
    local active expected states order_states tenant_dbs
    active="$(tenant_count active)" || die "cannot count tenants in $DB"
    states="$(bpsql --platform -c "SELECT string_agg(state || '=' || n, ' ' ORDER BY state)
        FROM (SELECT state, count(*) AS n FROM tenants GROUP BY state) s")" || states="?"
    order_states="$(bpsql --platform -c "SELECT string_agg(status || '=' || n, ' ' ORDER BY status)
        FROM (SELECT status, count(*) AS n FROM orders GROUP BY status) s")" || order_states="?"
    tenant_dbs="$(bpsql -c "SELECT count(*) FROM pg_database WHERE left(datname, $((${#DB} + 2))) = '${DB}_t'")" \
        || tenant_dbs="?"
    expected=$((o_ok + 1))

    # --- report ------------------------------------------------------------------------
    echo
    echo "Tenantry REST API benchmark on PostgreSQL  (wrk -t$WRK_THREADS -d${BENCH_SECONDS}s on core 1; server on core 0)"
    echo
    printf '%-12s %-22s %8s %12s %10s\n' "target" "request" "clients" "per second" "p99 ms"
    printf '%-12s %-22s %8s %12s %10s\n' "------" "-------" "-------" "----------" "------"
    printf '%-12s %-22s %8s %12s %10s\n' "orders" "POST /api/v1/orders" "$ORDER_CONNECTIONS" "$o_rps" "$o_p99"
    printf '%-12s %-22s %8s %12s %10s\n' "storefront" "GET /" "$WRK_CONNECTIONS" "$s_rps" "$s_p99"
    echo
    printf 'orders/s: %s   (p99 %s ms; %s orders answered 201 "completed" in %s s, of %s responses)\n' \
        "$o_rps" "$o_p99" "$o_ok" "$BENCH_SECONDS" "$o_reqs"
    printf 'storefront req/s: %s   (p99 %s ms)\n' "$s_rps" "$s_p99"
    echo
    printf "active tenants (SELECT COUNT(*) FROM tenants WHERE state='active'): %s   (expected at least %s: %s from the run + 1 preflight)\n" \
        "$active" "$expected" "$o_ok"
    printf 'tenants by state: %s\n' "${states:-none}"
    printf 'orders by status: %s\n' "${order_states:-none}"
    printf 'tenant databases on the server (%s_t*): %s\n' "$DB" "$tenant_dbs"
    printf 'preflight order response (201): %s\n' "$body"

    if [[ ! "$active" =~ ^[0-9]+$ ]] || ((active < expected)); then
        die "only $active active tenants for $expected completed orders"
    fi
}

case "${1:-}" in
    --self-test) self_test ;;
    "") main ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown argument: $1 (try --help)" ;;
esac
