# Shared helpers of the benchmark scripts (bench/run.sh, bench/api_orders.sh). Source it; do not run it.
#
# The sourcing script defines the globals these functions read:
#   TMP                     scratch directory (wrk output, server log)
#   SERVER_PID              pid of the server under test ("" when none)
#   HEALTH_TIMEOUT_SECONDS  bound of wait_healthy
#   WARMUP_SECONDS, BENCH_SECONDS, WRK_THREADS, WRK_CONNECTIONS   used by run_wrk
# shellcheck shell=bash

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# wrk output parsing (bench/run.sh --self-test covers these)
# ---------------------------------------------------------------------------
# Convert a wrk duration ("850.00us", "3.21ms", "1.05s", "1.00m") to milliseconds
# with three decimals. Prints nothing (and returns 1) if the value is not understood.
wrk_time_to_ms() {
    awk -v v="$1" 'BEGIN {
        if (match(v, /^[0-9]+(\.[0-9]+)?/) == 0) exit 1
        num = substr(v, 1, RLENGTH) + 0
        unit = substr(v, RLENGTH + 1)
        if      (unit == "us") f = 0.001
        else if (unit == "ms") f = 1
        else if (unit == "s")  f = 1000
        else if (unit == "m")  f = 60000
        else if (unit == "h")  f = 3600000
        else exit 1
        printf "%.3f\n", num * f
    }'
}

# parse_wrk FILE -> prints "<requests_per_sec> <p99_ms>"; returns 1 if either is missing.
parse_wrk() {
    local file="$1" rps p99raw p99ms
    rps="$(awk '$1 == "Requests/sec:" { print $2; exit }' "$file")"
    p99raw="$(awk '$1 ~ /^99(\.0+)?%$/ { print $2; exit }' "$file")"
    [[ -n "$rps" && -n "$p99raw" ]] || return 1
    p99ms="$(wrk_time_to_ms "$p99raw")" || return 1
    [[ -n "$p99ms" ]] || return 1
    printf '%s %s\n' "$rps" "$p99ms"
}

# Number of non-2xx/3xx responses reported by wrk (0 if the line is absent).
wrk_non2xx() {
    awk '/Non-2xx or 3xx responses:/ { print $NF; found = 1; exit } END { if (!found) print 0 }' "$1"
}

# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
to_kb() { awk -v b="$1" 'BEGIN { printf "%.1f\n", b / 1024 }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.1f\n", a / b * 100 }'; }

# curl against the local server only; never through a proxy.
lcurl() { curl --noproxy '*' --max-time 10 "$@"; }

http_status() { # URL [extra curl args...]
    local url="$1"; shift
    lcurl -s -o /dev/null -w '%{http_code}' "$@" "$url" || true
}

# ---------------------------------------------------------------------------
# tool installation (check first, install only what is missing)
# ---------------------------------------------------------------------------
APT_UPDATED=0
SUDO=()

apt_install() { # debian-package
    local pkg="$1"
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install $pkg"
        SUDO=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $pkg manually"
    if ((APT_UPDATED == 0)); then
        log "apt-get update"
        ${SUDO[@]+"${SUDO[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "installing $pkg"
    ${SUDO[@]+"${SUDO[@]}"} env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null \
        || die "apt-get install $pkg failed"
}

ensure_cmd() { # command debian-package
    command -v "$1" >/dev/null 2>&1 && return 0
    apt_install "$2"
    command -v "$1" >/dev/null 2>&1 || die "$1 still missing after installing $2"
}

# ---------------------------------------------------------------------------
# server lifecycle
# ---------------------------------------------------------------------------
# Stops the server (TERM, then KILL after 5 s) if it is running.
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 50; i++)); do # up to 5 s for a graceful stop
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}

pick_port() {
    local port=""
    if command -v python3 >/dev/null 2>&1; then
        port="$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || true)"
    fi
    [[ "$port" =~ ^[0-9]+$ ]] || port=3400
    printf '%s\n' "$port"
}

server_log_tail() {
    if [[ -n "$TMP" && -f "$TMP/server.log" ]]; then
        printf '[bench] --- last lines of server log ---\n' >&2
        tail -n 40 "$TMP/server.log" >&2 || true
    fi
}

wait_healthy() { # base-url
    local base="$1" i code
    for ((i = 0; i < HEALTH_TIMEOUT_SECONDS * 2; i++)); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            server_log_tail
            die "server exited before becoming healthy"
        fi
        code="$(lcurl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz" || true)"
        if [[ "$code" == "200" ]]; then
            log "server healthy after ~$((i / 2)) s"
            return 0
        fi
        sleep 0.5
    done
    server_log_tail
    die "server did not answer 200 on /healthz within ${HEALTH_TIMEOUT_SECONDS}s"
}

# ---------------------------------------------------------------------------
# load generation
# ---------------------------------------------------------------------------
# run_wrk NAME URL [extra wrk args...] -> writes $TMP/wrk-NAME.txt, prints "rps p99ms"
run_wrk() {
    local name="$1" url="$2"; shift 2
    local out="$TMP/wrk-$name.txt" res bad
    [[ "$url" == http://127.0.0.1:* ]] || die "refusing to load-test non-local URL $url"
    log "warm-up ${WARMUP_SECONDS}s: $name"
    taskset -c 1 wrk "-t$WRK_THREADS" "-c$WRK_CONNECTIONS" "-d${WARMUP_SECONDS}s" "$@" "$url" \
        >"$TMP/wrk-$name-warmup.txt" 2>&1 \
        || { cat "$TMP/wrk-$name-warmup.txt" >&2; die "wrk warm-up failed for $name"; }
    log "measuring ${BENCH_SECONDS}s: $name ($url)"
    taskset -c 1 wrk "-t$WRK_THREADS" "-c$WRK_CONNECTIONS" "-d${BENCH_SECONDS}s" --latency "$@" "$url" \
        >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed for $name"; }
    res="$(parse_wrk "$out")" || { cat "$out" >&2; die "could not parse wrk output for $name"; }
    bad="$(wrk_non2xx "$out")"
    if [[ "$bad" != "0" ]]; then
        cat "$out" >&2
        die "$name: $bad non-2xx/3xx responses during the run; numbers would be meaningless"
    fi
    printf '%s\n' "$res"
}
