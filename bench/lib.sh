# Shared helpers of the benchmark scripts (bench/run.sh, bench/api_orders.sh, bench/soak.sh).
# Source it; do not run it.
#
# The sourcing script defines the globals these functions read:
#   TMP                     scratch directory (wrk output, server log)
#   SERVER_PID              pid of the server under test ("" when none)
#   HEALTH_TIMEOUT_SECONDS  bound of wait_healthy
#   WARMUP_SECONDS, BENCH_SECONDS, WRK_THREADS, WRK_CONNECTIONS   used by run_wrk
#   ROOT, SERVER_BIN, SERVER_ENV, CLI_TIMEOUT_SECONDS   used by start_server_env, create_api_key
#   ADMIN_URL, DB, DB_URL, DROP_TIMEOUT_SECONDS, DROP_ROUNDS   used by the PostgreSQL helpers
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

# scripts/setup.sh (if present; it installs cargo-leptos), then checks that cargo and cargo-leptos run.
ensure_build_tools() {
    if [[ -f "$ROOT/scripts/setup.sh" ]]; then
        log "running scripts/setup.sh"
        if [[ -x "$ROOT/scripts/setup.sh" ]]; then "$ROOT/scripts/setup.sh"
        else bash "$ROOT/scripts/setup.sh"; fi
    fi
    if [[ -d "$HOME/.cargo/bin" && ":$PATH:" != *":$HOME/.cargo/bin:"* ]]; then
        PATH="$HOME/.cargo/bin:$PATH"
    fi
    command -v cargo >/dev/null 2>&1 || die "cargo not found"
    command -v cargo-leptos >/dev/null 2>&1 \
        || die "cargo-leptos not found (scripts/setup.sh is expected to install it)"
}

# The release server and site, in ROOT.
build_release() {
    log "building: cargo leptos build --release --precompress --split --bin-features bench"
    # LEPTOS_HASH_FILES=true at build time too, so the build writes the hashed
    # file names and target/release/hash.txt that the server reads at runtime.
    # The bench feature adds the benchmark-only routes (bench/run.sh's baseline page).
    (cd "$ROOT" && LEPTOS_HASH_FILES=true cargo leptos build --release --precompress --split --bin-features bench) \
        || die "cargo leptos build failed"
}

ensure_two_cores() {
    local cpus
    cpus="$(nproc 2>/dev/null || echo 1)"
    ((cpus >= 2)) || die "need at least 2 CPU cores (server on core 0, load on core 1); have $cpus"
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

# Starts SERVER_BIN with SERVER_ENV on CPU core 0, from ROOT (LEPTOS_SITE_ROOT is relative to it).
start_server_env() { # port (for the log line)
    [[ -x "$SERVER_BIN" ]] || die "server binary not found at $SERVER_BIN"
    log "starting server on 127.0.0.1:$1 (core 0)${DB:+, database $DB}"
    (
        cd "$ROOT"
        exec env "${SERVER_ENV[@]}" taskset -c 0 "$SERVER_BIN"
    ) >"$TMP/server.log" 2>&1 &
    SERVER_PID=$!
}

# Makes an operator API key with the server binary's CLI; the plain key is its stdout line
# "tnt_...". Sets API_KEY.
create_api_key() { # name
    log "creating an API key: tenantry create-api-key $1"
    local rc=0
    (cd "$ROOT" && timeout "$CLI_TIMEOUT_SECONDS" env "${SERVER_ENV[@]}" \
        "$SERVER_BIN" create-api-key "$1") >"$TMP/api-key.out" 2>"$TMP/api-key.err" || rc=$?
    API_KEY="$(grep -E '^tnt_[A-Za-z0-9_]+$' "$TMP/api-key.out" | tail -n 1 || true)"
    if ((rc != 0)) || [[ -z "$API_KEY" ]]; then
        # The output holds no key worth hiding here: there is none, or the command failed.
        cat "$TMP/api-key.out" "$TMP/api-key.err" >&2
        die "create-api-key failed (exit $rc) or printed no line starting with tnt_"
    fi
    log "API key ${API_KEY:0:12}... created"
}

# ---------------------------------------------------------------------------
# PostgreSQL: a throwaway platform database, its tenant databases and their roles
# ---------------------------------------------------------------------------
# psql with the admin URL (database "postgres") or, with --platform, the benchmark's database.
bpsql() {
    local url="$ADMIN_URL"
    if [[ "${1:-}" == "--platform" ]]; then url="$DB_URL"; shift; fi
    PGCONNECT_TIMEOUT=10 psql "$url" -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# Sets ADMIN_URL from scripts/pg.sh, which starts the local cluster if needed.
ensure_postgres() {
    local out
    out="$("$ROOT/scripts/pg.sh")" \
        || die "PostgreSQL is not available on 127.0.0.1:5432 (see above; scripts/setup.sh --test installs it)"
    ADMIN_URL="$(printf '%s\n' "$out" | tail -n 1)"
    [[ "$ADMIN_URL" =~ ^postgres(ql)?://[^@/]+@127\.0\.0\.1(:[0-9]+)?/[A-Za-z0-9_]+$ ]] \
        || die "unexpected admin URL from scripts/pg.sh (want postgres://user:password@127.0.0.1:port/db)"
    bpsql -c 'SELECT 1' >/dev/null || die "cannot connect to PostgreSQL with the admin URL from scripts/pg.sh"
}

# Creates <prefix>_<12 random hex digits>; sets DB, DB_URL and DB_RUN_ID (the hex digits).
create_pg_database() { # prefix
    DB_RUN_ID="$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    [[ "$DB_RUN_ID" =~ ^[0-9a-f]{12}$ ]] || die "could not make a random database name"
    # Set before CREATE so that the exit trap drops it even if something fails from here on.
    DB="$1_$DB_RUN_ID"
    DB_URL="${ADMIN_URL%/*}/$DB"
    log "creating database $DB"
    bpsql -c "CREATE DATABASE $DB" >/dev/null || die "CREATE DATABASE $DB failed"
}

# bench_db_count -> how many databases are named DB*; "?" if PostgreSQL does not answer.
bench_db_count() {
    bpsql -c "SELECT count(*) FROM pg_database WHERE left(datname, ${#DB}) = '$DB'" 2>/dev/null || echo '?'
}

# Drops DB and every database whose name starts with it (tenant databases are <DB>_t<id>), then
# the tenant databases' roles, named as their databases (roles are cluster-wide and outlive them).
# DB ends in 12 random hex digits, so it is not a prefix of another run's names.
# WITH (FORCE) refuses a database that autovacuum happens to be working in ("must be a member of
# the role whose process is being terminated"), so what is left is tried again, DROP_ROUNDS times.
drop_databases() {
    [[ -n "$DB" && -n "$ADMIN_URL" ]] || return 0
    local n round errs=""
    n="$(bench_db_count)"
    if [[ "$n" == "0" ]]; then drop_roles; return 0; fi
    log "dropping $n database(s): $DB and its tenant databases ${DB}_t*"
    for ((round = 1; round <= DROP_ROUNDS; round++)); do
        errs="$(timeout "$DROP_TIMEOUT_SECONDS" env PGCONNECT_TIMEOUT=10 \
            psql "$ADMIN_URL" -X -q -At -v ON_ERROR_STOP=0 2>&1 >/dev/null <<SQL
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
 WHERE left(datname, ${#DB}) = '$DB' ORDER BY datname DESC \gexec
SQL
        )" || true
        n="$(bench_db_count)"
        [[ "$n" == "0" ]] && { drop_roles; return 0; }
        sleep 1
    done
    [[ -z "$errs" ]] || printf '%s\n' "$errs" >&2
    log "WARNING: $n database(s) named $DB* are left; drop them with DROP DATABASE ... WITH (FORCE)"
}

# The exit trap of a script with a server and maybe a PostgreSQL database: stops the one, drops
# the other, deletes TMP, and exits with the status the script was leaving with.
cleanup_server_and_databases() {
    local rc=$?
    stop_server
    drop_databases
    if [[ -n "$TMP" && -d "$TMP" ]]; then rm -rf "$TMP"; fi
    exit "$rc"
}

# Drops the roles named DB* (a role cannot go while a database it owns is left).
drop_roles() {
    PGCONNECT_TIMEOUT=10 psql "$ADMIN_URL" -X -q -At -v ON_ERROR_STOP=0 >/dev/null 2>&1 <<SQL || true
SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE left(rolname, ${#DB}) = '$DB' \gexec
SQL
    local left
    left="$(bpsql -c "SELECT count(*) FROM pg_roles WHERE left(rolname, ${#DB}) = '$DB'" 2>/dev/null || echo '?')"
    [[ "$left" == "0" ]] || log "WARNING: $left role(s) named $DB* are left; drop them with DROP ROLE"
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
