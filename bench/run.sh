#!/usr/bin/env bash
# Tenantry load benchmark.
#
# Builds the release site, starts the server pinned to CPU core 0 and drives it
# with wrk pinned to CPU core 1. Measures:
#   (a) the storefront page            GET /
#   (b) a fixed-size baseline page     GET /bench/baseline/<N>  (N = storefront body bytes)
#   (c) the WASM bundle over brotli    GET /pkg/<main>.wasm  with Accept-Encoding: br
#   (d) a small static file            GET /pkg/<the .css file>  uncompressed (a few KB: the case
#                                      that waits for a delayed ACK without TCP_NODELAY)
# and reports the main WASM bundle's size raw / gzip -9 / brotli -q 11, and what the storefront page
# downloads before it is interactive and the chunks only the portal's and operator's pages load
# (bench/page_weight.py).
#
# Usage:  bench/run.sh               full run (installs missing tools, builds, measures)
#         bench/run.sh --weight      only the download sizes (builds and serves; no load)
#         bench/run.sh --self-test   only test the wrk-output parser (no install, no build)
# Env:    BENCH_SECONDS   duration of each measured wrk run in seconds (default 10)
#
# Only 127.0.0.1 is ever targeted. All waits are bounded.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"

BENCH_SECONDS="${BENCH_SECONDS:-10}"
WARMUP_SECONDS=2
WRK_THREADS=1
WRK_CONNECTIONS=32
HEALTH_TIMEOUT_SECONDS=60
OPERATOR_PASSWORD="bench-password-123"

TMP=""
SERVER_PID=""

# ---------------------------------------------------------------------------
# wrk output parsing
# ---------------------------------------------------------------------------
# Sample output of `wrk -t1 -c32 -d10s --latency URL` (wrk 4.1), written by hand;
# `--self-test` extracts it from this comment block and parses it:
#
# WRK-SAMPLE-BEGIN
# Running 10s test @ http://127.0.0.1:3400/
#   1 threads and 32 connections
#   Thread Stats   Avg      Stdev     Max   +/- Stdev
#     Latency     1.52ms  610.33us  21.07ms   91.45%
#     Req/Sec    21.34k     1.02k   23.11k    72.00%
#   Latency Distribution
#      50%    1.41ms
#      75%    1.63ms
#      90%    1.98ms
#      99%  850.00us
#   212345 requests in 10.00s, 1.02GB read
# Requests/sec:  21230.75
# Transfer/sec:    104.55MB
# WRK-SAMPLE-END
#
# Expected parse: rps=21230.75  p99_ms=0.850
# (parse_wrk, wrk_time_to_ms and wrk_non2xx are in lib.sh.)

self_test() {
    local dir sample got fails=0
    dir="$(mktemp -d)"
    # shellcheck disable=SC2064  # expand $dir now
    trap "rm -rf '$dir'" EXIT
    sample="$dir/wrk.txt"
    sed -n '/^# WRK-SAMPLE-BEGIN$/,/^# WRK-SAMPLE-END$/p' "${BASH_SOURCE[0]}" \
        | sed -e '1d' -e '$d' -e 's/^# \{0,1\}//' >"$sample"

    check() { # name expected actual
        if [[ "$2" == "$3" ]]; then printf 'ok    %s = %s\n' "$1" "$3"
        else printf 'FAIL  %s: expected [%s] got [%s]\n' "$1" "$2" "$3"; fails=$((fails + 1)); fi
    }
    got="$(parse_wrk "$sample" || echo PARSE-ERROR)"
    check "parse_wrk(sample)" "21230.75 0.850" "$got"
    check "non2xx(sample)" "0" "$(wrk_non2xx "$sample")"
    check "ms(850.00us)" "0.850" "$(wrk_time_to_ms 850.00us)"
    check "ms(3.21ms)" "3.210" "$(wrk_time_to_ms 3.21ms)"
    check "ms(1.05s)" "1050.000" "$(wrk_time_to_ms 1.05s)"
    check "ms(2.00m)" "120000.000" "$(wrk_time_to_ms 2.00m)"
    check "ms(garbage)" "ERR" "$(wrk_time_to_ms 12.0xx || echo ERR)"

    # Variant: slow server, seconds unit, non-2xx responses, socket errors.
    cat >"$dir/wrk2.txt" <<'EOF'
Running 10s test @ http://127.0.0.1:3400/bench/baseline/5120
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   402.11ms  310.20ms   1.99s    70.10%
    Req/Sec    80.12     20.01   120.00     66.00%
  Latency Distribution
     50%  350.00ms
     75%  600.00ms
     90%  900.00ms
     99%    1.52s
  801 requests in 10.01s, 4.10MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 17
Requests/sec:     80.02
Transfer/sec:    419.50KB
EOF
    check "parse_wrk(slow)" "80.02 1520.000" "$(parse_wrk "$dir/wrk2.txt" || echo PARSE-ERROR)"
    check "non2xx(slow)" "17" "$(wrk_non2xx "$dir/wrk2.txt")"
    printf 'Running 1s test @ http://127.0.0.1:1/\nunable to connect to 127.0.0.1:1 Connection refused\n' >"$dir/wrk3.txt"
    check "parse_wrk(refused)" "PARSE-ERROR" "$(parse_wrk "$dir/wrk3.txt" || echo PARSE-ERROR)"

    check "kb(300000)" "293.0" "$(to_kb 300000)"
    check "pct(45,100)" "45.0" "$(percent 45 100)"

    if ((fails > 0)); then die "self-test: $fails check(s) failed"; fi
    echo "self-test: all checks passed"
}

# ---------------------------------------------------------------------------
# tool installation (check first, install only what is missing; helpers in lib.sh)
# ---------------------------------------------------------------------------
ensure_tools() {
    ensure_cmd wrk wrk
    ensure_cmd brotli brotli
    ensure_cmd gzip gzip
    ensure_cmd taskset util-linux
    ensure_cmd curl curl
    ensure_cmd python3 python3
    ensure_build_tools
    ensure_two_cores
}

# ---------------------------------------------------------------------------
# server lifecycle
# ---------------------------------------------------------------------------
cleanup() {
    local rc=$?
    stop_server
    if [[ -n "$TMP" && -d "$TMP" ]]; then rm -rf "$TMP"; fi
    exit "$rc"
}

start_server() {
    # cargo-leptos builds the server into CARGO_TARGET_DIR when it is set.
    local port="$1" bin="${CARGO_TARGET_DIR:-$ROOT/target}/release/tenantry"
    [[ -x "$bin" ]] || die "server binary not found at $bin"
    log "starting server on 127.0.0.1:$port (core 0)"
    (
        cd "$ROOT"
        exec env \
            DATABASE_URL="sqlite://$TMP/bench.db" \
            TENANTRY_LISTEN="127.0.0.1:$port" \
            LEPTOS_SITE_ROOT=target/site \
            LEPTOS_SITE_PKG_DIR=pkg \
            LEPTOS_HASH_FILES=true \
            TENANTRY_DATA_DIR="$TMP" \
            RUST_LOG=warn \
            TENANTRY_OPERATOR_PASSWORD="$OPERATOR_PASSWORD" \
            taskset -c 0 "$bin"
    ) >"$TMP/server.log" 2>&1 &
    SERVER_PID=$!
}

header_value() { # headers-file header-name -> value or MISSING
    local v
    v="$(awk -v h="$2" 'BEGIN { h = tolower(h) }
        { line = $0; sub(/\r$/, "", line); i = index(line, ":") }
        i > 0 && tolower(substr(line, 1, i - 1)) == h {
            v = substr(line, i + 1); sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v); print v; exit }' "$1")"
    printf '%s\n' "${v:-MISSING}"
}

# ---------------------------------------------------------------------------
main() { # [--weight]
    local weight_only="${1:-}"
    [[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer (got '$BENCH_SECONDS')"

    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TMP="$(mktemp -d)"

    ensure_tools

    cd "$ROOT"
    build_release

    local pkg_dir="$ROOT/target/site/pkg" wasm wasm_rel
    [[ -d "$pkg_dir" ]] || die "$pkg_dir not found after build"
    # The main bundle, which every page loads (not the lazy chunks split_* and chunk_*).
    wasm="$(find "$pkg_dir" -type f -name '*.wasm' ! -name 'split_*' ! -name 'chunk_*' -printf '%s\t%p\n' \
        | sort -n | tail -n 1 | cut -f2-)"
    [[ -n "$wasm" ]] || die "no .wasm file under $pkg_dir"
    wasm_rel="${wasm#"$ROOT/target/site"}"
    local css css_rel
    css="$(find "$pkg_dir" -type f -name '*.css' | head -n 1)"
    [[ -n "$css" ]] || die "no .css file under $pkg_dir"
    css_rel="${css#"$ROOT/target/site"}"

    local port base
    port="$(pick_port)"
    base="http://127.0.0.1:$port"
    start_server "$port"
    wait_healthy "$base"

    # --- what pages download (the storefront's first load; the lazy chunks) ------
    local weight
    weight="$(python3 "$SCRIPT_DIR/page_weight.py" "$base" "$pkg_dir")" || die "page_weight.py failed"
    if [[ "$weight_only" == "--weight" ]]; then
        printf '\n%s\n' "$weight"
        return 0
    fi

    # --- preflight: every URL must answer 200 before we load it -------------
    local store_url="$base/" store_bytes base_url wasm_url code
    code="$(http_status "$store_url")"
    [[ "$code" == "200" ]] || die "GET / answered $code, expected 200"
    store_bytes="$(lcurl -s "$store_url" | wc -c | tr -d ' ')" || die "could not fetch /"
    ((store_bytes > 0)) || die "GET / returned an empty body"

    base_url="$base/bench/baseline/$store_bytes"
    code="$(http_status "$base_url")"
    [[ "$code" == "200" ]] || die "GET /bench/baseline/$store_bytes answered $code, expected 200"
    local baseline_bytes
    baseline_bytes="$(lcurl -s "$base_url" | wc -c | tr -d ' ')" || die "could not fetch baseline"
    if [[ "$baseline_bytes" != "$store_bytes" ]]; then
        log "WARNING: baseline body is $baseline_bytes bytes, expected $store_bytes"
    fi

    wasm_url="$base$wasm_rel"
    code="$(http_status "$wasm_url" -H 'Accept-Encoding: br')"
    [[ "$code" == "200" ]] || die "GET $wasm_rel answered $code, expected 200"

    local css_url="$base$css_rel"
    code="$(http_status "$css_url")"
    [[ "$code" == "200" ]] || die "GET $css_rel answered $code, expected 200"

    # --- headers of the wasm file ---------------------------------------------
    lcurl -sI -H 'Accept-Encoding: br' "$wasm_url" >"$TMP/wasm-headers.txt" || true
    local wasm_ce wasm_cc ce_note cc_note
    wasm_ce="$(header_value "$TMP/wasm-headers.txt" content-encoding)"
    wasm_cc="$(header_value "$TMP/wasm-headers.txt" cache-control)"
    ce_note="ok"; [[ "$(tr '[:upper:]' '[:lower:]' <<<"$wasm_ce")" == "br" ]] || ce_note="NOT br"
    # The main bundle is revalidated (its name can outlive a change: server/src/assets.rs).
    cc_note="ok"; [[ "$wasm_cc" == no-cache ]] || cc_note="expected no-cache"

    # --- wasm sizes (compressed here, not taken from the precompressed files) -
    local raw_b gz_b br_b
    raw_b="$(stat -c %s "$wasm")"
    gzip -9 -c "$wasm" >"$TMP/bundle.wasm.gz"
    brotli -q 11 -c "$wasm" >"$TMP/bundle.wasm.br"
    gz_b="$(stat -c %s "$TMP/bundle.wasm.gz")"
    br_b="$(stat -c %s "$TMP/bundle.wasm.br")"

    # --- load ------------------------------------------------------------------
    local store_res base_res wasm_res
    store_res="$(run_wrk storefront "$store_url")"
    base_res="$(run_wrk baseline "$base_url")"
    wasm_res="$(run_wrk wasm-br "$wasm_url" -H 'Accept-Encoding: br')"
    local css_res c_rps c_p99
    css_res="$(run_wrk css "$css_url")"
    read -r c_rps c_p99 <<<"$css_res"

    local s_rps s_p99 b_rps b_p99 w_rps w_p99
    read -r s_rps s_p99 <<<"$store_res"
    read -r b_rps b_p99 <<<"$base_res"
    read -r w_rps w_p99 <<<"$wasm_res"

    # --- report ----------------------------------------------------------------
    echo
    echo "Tenantry load benchmark  (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s on core 1; server on core 0)"
    echo "storefront body: $store_bytes bytes   wasm: $wasm_rel"
    echo
    printf '%-12s %-36s %12s %10s\n' "target" "path" "req/s" "p99 ms"
    printf '%-12s %-36s %12s %10s\n' "------" "----" "-----" "------"
    printf '%-12s %-36s %12s %10s\n' "storefront" "/" "$s_rps" "$s_p99"
    printf '%-12s %-36s %12s %10s\n' "baseline" "/bench/baseline/$store_bytes" "$b_rps" "$b_p99"
    printf '%-12s %-36s %12s %10s\n' "wasm (br)" "$wasm_rel" "$w_rps" "$w_p99"
    printf '%-12s %-36s %12s %10s\n' "css ($(stat -c %s "$css") B)" "$css_rel" "$c_rps" "$c_p99"
    echo
    printf 'storefront / baseline throughput: %s %%\n' "$(percent "$s_rps" "$b_rps")"
    echo
    echo "Main WASM bundle size (1 KB = 1024 bytes)"
    printf '  %-14s %12s bytes %10s KB\n' "raw" "$raw_b" "$(to_kb "$raw_b")"
    printf '  %-14s %12s bytes %10s KB\n' "gzip -9" "$gz_b" "$(to_kb "$gz_b")"
    printf '  %-14s %12s bytes %10s KB\n' "brotli -q 11" "$br_b" "$(to_kb "$br_b")"
    echo
    echo "WASM response headers (Accept-Encoding: br)"
    printf '  %-17s %s  [%s]\n' "content-encoding:" "$wasm_ce" "$ce_note"
    printf '  %-17s %s  [%s]\n' "cache-control:" "$wasm_cc" "$cc_note"
    echo
    printf '%s\n' "$weight"
}

case "${1:-}" in
    --self-test) self_test ;;
    "" | --weight) main "${1:-}" ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown argument: $1 (try --help)" ;;
esac
