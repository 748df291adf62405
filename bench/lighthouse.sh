#!/usr/bin/env bash
# Lighthouse scores (mobile) of Tenantry's four main pages, against a running server.
#
# Pages: the storefront (/), the configurator (/order/erp-business), the portal of a new instance
# (http://<instance>.localhost:<port>/portal, logged in as its admin) and the operator dashboard
# (/operator, logged in as the operator). For the logged-in pages the script first logs in over
# HTTP as the login form does (the Login server function, its path read from the page's form) and
# hands the session cookie to Lighthouse as an extra header. The portal needs an instance: the
# script orders an ERP trial through the PlaceOrder server function, confirms its email with the
# code from the mail in TENANTRY_OUTBOX_DIR, waits until it is provisioned and logs in on it.
#
# Lighthouse (pinned, from npm) is installed once into ~/.cache/tenantry/lighthouse and runs
# headless Chromium (/usr/bin/chromium), form factor mobile (its default, simulated throttling),
# categories performance, accessibility, best-practices and seo. Each page is measured
# LIGHTHOUSE_RUNS times; the median of each category is reported.
#
# Usage:  bench/lighthouse.sh [BASE_URL]     BASE_URL default $LIGHTHOUSE_BASE_URL or http://localhost:3000
#         bench/lighthouse.sh --help
# Env:    LIGHTHOUSE_BASE_URL          the server (only localhost / 127.0.0.1 are accepted)
#         LIGHTHOUSE_RUNS              runs per page (default 3)
#         LIGHTHOUSE_REPORT_DIR        where the JSON reports go (default <checkout>/target/lighthouse)
#         TENANTRY_OUTBOX_DIR          the server's mail folder (the trial's confirmation code)
#         TENANTRY_OPERATOR_EMAIL      default operator@tenantry.localhost
#         TENANTRY_OPERATOR_PASSWORD   default e2e-operator-pass
#         LIGHTHOUSE_PORTAL_COOKIE     "name=value" of an instance admin's session: skips the trial;
#         LIGHTHOUSE_PORTAL_HOST       ... with the instance's host (<name>.localhost:<port>)
#         CHROME_PATH                  default /usr/bin/chromium
#
# The server is not started here: run it yourself (see bench/README.md). Only localhost is ever
# contacted (besides npm, for the one-time install). All waits are bounded.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"

LIGHTHOUSE_VERSION="12.8.2" # the newest that still runs on Node 20 (13.x needs Node 22.19)
LIGHTHOUSE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/tenantry/lighthouse"
LIGHTHOUSE_RUNS="${LIGHTHOUSE_RUNS:-3}"
LIGHTHOUSE_TIMEOUT_SECONDS=180 # one Lighthouse run
CATEGORIES="performance,accessibility,best-practices,seo"
CHROME_FLAGS="--no-sandbox --headless=new --disable-gpu"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OPERATOR_EMAIL="${TENANTRY_OPERATOR_EMAIL:-operator@tenantry.localhost}"
OPERATOR_PASSWORD="${TENANTRY_OPERATOR_PASSWORD:-e2e-operator-pass}"
ADMIN_PASSWORD="correct-horse-battery"
MAIL_TIMEOUT_SECONDS=30
PROVISION_TIMEOUT_SECONDS=120
REPORT_DIR="${LIGHTHOUSE_REPORT_DIR:-$ROOT/target/lighthouse}"

TMP=""

cleanup() {
    local rc=$?
    if [[ -n "$TMP" && -d "$TMP" ]]; then rm -rf "$TMP"; fi
    exit "$rc"
}

# ---------------------------------------------------------------------------
# install (check first; pinned version)
# ---------------------------------------------------------------------------
ensure_lighthouse() {
    ensure_cmd curl curl
    ensure_cmd node nodejs
    ensure_cmd npm npm
    [[ -x "$CHROME_PATH" ]] || die "no browser at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)"
    local have=""
    if [[ -f "$LIGHTHOUSE_DIR/node_modules/lighthouse/package.json" ]]; then
        have="$(node -p "require('$LIGHTHOUSE_DIR/node_modules/lighthouse/package.json').version")"
    fi
    if [[ "$have" != "$LIGHTHOUSE_VERSION" ]]; then
        log "installing lighthouse@$LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR"
        mkdir -p "$LIGHTHOUSE_DIR"
        npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --silent \
            "lighthouse@$LIGHTHOUSE_VERSION" >&2 || die "npm install lighthouse failed"
    fi
    [[ -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]] || die "lighthouse not found after install"
}

# ---------------------------------------------------------------------------
# HTTP helpers (localhost only)
# ---------------------------------------------------------------------------
# check_local URL: refuse anything but localhost, *.localhost and 127.0.0.1.
check_local() {
    local host
    host="$(sed -E 's#^https?://([^/:]+).*#\1#' <<<"$1")"
    [[ "$host" == localhost || "$host" == *.localhost || "$host" == 127.0.0.1 ]] \
        || die "only localhost / 127.0.0.1 may be measured (got $host)"
}

# hcurl URL [curl args...]: curl with the *.localhost names resolved to 127.0.0.1 by us.
hcurl() {
    local url="$1" hostport host port
    shift
    check_local "$url"
    hostport="$(sed -E 's#^https?://([^/]+).*#\1#' <<<"$url")"
    host="${hostport%%:*}"
    port="80"
    [[ "$hostport" == *:* ]] && port="${hostport##*:}"
    lcurl --resolve "$host:$port:127.0.0.1" "$@" "$url"
}

# form_action HTML_FILE FN: the action of the server function FN's form (/api/<fn><hash>).
# The path carries a hash of the checkout it was built from, so it is read from the page.
form_action() {
    grep -o "action=\"[^\"]*/api/$2[0-9]*\"" "$1" | head -n 1 | sed -E 's/^action="(.*)"$/\1/'
}

# call_fn BASE PATH JAR FIELD... : a server function called as the hydrated app calls it
# (urlencoded form, JSON answer), with the cookie jar of BASE's host. Prints the body;
# fails unless the answer is 2xx.
call_fn() {
    local base="$1" path="$2" jar="$3" args=() code
    shift 3
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    code="$(hcurl "$base$path" -s -o "$TMP/fn-body" -w '%{http_code}' -b "$jar" -c "$jar" \
        -H "Origin: $base" -H 'Accept: application/json' "${args[@]}")" || code="000"
    if [[ "$code" != 2* ]]; then
        log "POST $path answered $code: $(head -c 300 "$TMP/fn-body" 2>/dev/null)"
        return 1
    fi
    cat "$TMP/fn-body"
}

# login BASE JAR EMAIL PASSWORD: logs in on BASE's host; the session lands in JAR.
login() {
    local base="$1" jar="$2" path
    hcurl "$base/login" -s -o "$TMP/login.html" -b "$jar" -c "$jar" || die "GET $base/login failed"
    path="$(form_action "$TMP/login.html" login)"
    [[ -n "$path" ]] || die "no login form on $base/login"
    call_fn "$base" "$path" "$jar" "email=$3" "password=$4" >/dev/null || die "login as $3 on $base failed"
}

# cookie_header JAR: "name=value; ..." of the cookies in a curl cookie jar.
cookie_header() {
    awk -F '\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"
}

# ---------------------------------------------------------------------------
# the portal's instance: an ERP trial, confirmed by mail, provisioned
# ---------------------------------------------------------------------------
# confirmation_code OUTBOX INSTANCE: the code of the "Confirm your email" mail of INSTANCE.
confirmation_code() {
    local f text
    for f in "$1"/*.eml; do
        [[ -f "$f" ]] || continue
        # Undo quoted-printable soft line breaks and '=3D' so the link reads whole.
        text="$(sed -e ':a' -e '/=\r\{0,1\}$/{N;s/=\r\{0,1\}\n//;ba' -e '}' "$f" | sed 's/=3D/=/g')"
        grep -q "Confirm your email" <<<"$text" || continue
        grep -q "$2" <<<"$text" || continue
        grep -o 'confirm?code=[A-Za-z0-9]*' <<<"$text" | head -n 1 | sed 's/^confirm?code=//'
        return 0
    done
}

# order_status BASE TOKEN: the data-status of the order page (completed, awaiting_email, ...).
order_status() {
    hcurl "$1/orders/$2" -s | grep -o 'data-status="[a-z_]*"' | head -n 1 | sed -E 's/.*="(.*)"/\1/' || true
}

# portal_login BASE PORT JAR: orders a trial, confirms it, waits for it, logs in on it.
# Prints the instance's base URL.
portal_login() {
    local base="$1" port="$2" jar="$3" name token place confirm status code="" i
    name="lh$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    log "ordering trial instance $name"
    hcurl "$base/order/erp-trial" -s -o "$TMP/order.html" -b "$jar" -c "$jar" || die "GET /order/erp-trial failed"
    place="$(form_action "$TMP/order.html" place_order)"
    [[ -n "$place" ]] || die "no order form on /order/erp-trial"
    token="$(call_fn "$base" "$place" "$jar" \
        "form[plan]=erp-trial" "form[company]=$name Ltd" "form[contact_name]=Lighthouse Admin" \
        "form[email]=$name@example.com" "form[password]=$ADMIN_PASSWORD" \
        "form[instance_name]=$name" "form[idempotency_key]=$name")" || die "the trial order failed"
    token="$(tr -d '"' <<<"$token")"
    [[ "$token" =~ ^[A-Za-z0-9]+$ ]] || die "unexpected answer to PlaceOrder: $token"

    for ((i = 0; i < PROVISION_TIMEOUT_SECONDS; i++)); do
        status="$(order_status "$base" "$token")"
        [[ "$status" == completed ]] && break
        [[ "$status" == failed || "$status" == rejected || "$status" == cancelled ]] \
            && die "the trial order ended as $status"
        if [[ "$status" == awaiting_email && -z "$code" ]]; then
            [[ -n "${TENANTRY_OUTBOX_DIR:-}" ]] \
                || die "the trial waits for its email confirmation: set TENANTRY_OUTBOX_DIR to the server's outbox (or LIGHTHOUSE_PORTAL_COOKIE)"
            code="$(confirmation_code "$TENANTRY_OUTBOX_DIR" "$name")"
            if [[ -n "$code" ]]; then
                hcurl "$base/orders/$token/confirm?code=$code" -s -o "$TMP/confirm.html" || die "confirm page failed"
                confirm="$(form_action "$TMP/confirm.html" confirm_trial_email)"
                [[ -n "$confirm" ]] || die "no confirmation form on /orders/$token/confirm"
                call_fn "$base" "$confirm" "$jar" "token=$token" "code=$code" >/dev/null \
                    || die "confirming the trial failed"
                log "trial confirmed; waiting for provisioning"
            elif ((i >= MAIL_TIMEOUT_SECONDS)); then
                die "no confirmation mail for $name in $TENANTRY_OUTBOX_DIR after ${MAIL_TIMEOUT_SECONDS}s"
            fi
        fi
        sleep 1
    done
    [[ "$status" == completed ]] || die "instance $name not ready after ${PROVISION_TIMEOUT_SECONDS}s (status $status)"

    local ibase
    ibase="$(sed -E "s#^(https?://)[^/]+#\1$name.localhost:$port#" <<<"$base")"
    login "$ibase" "$jar.portal" "$name@example.com" "$ADMIN_PASSWORD"
    printf '%s\n' "$ibase"
}

# ---------------------------------------------------------------------------
# Lighthouse runs and their reports
# ---------------------------------------------------------------------------
# The scores and worst audits of one report, for summarize().
REPORT_JS='
const fs = require("fs");
const [mode, ...files] = process.argv.slice(1);
const reports = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
const cats = ["performance", "accessibility", "best-practices", "seo"];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
if (mode === "scores") {
  // median of each category over the runs; "-" when a run had no score (an error)
  console.log(cats.map((c) => {
    const xs = reports.map((r) => r.categories[c] && r.categories[c].score).filter((x) => typeof x === "number");
    return xs.length === reports.length ? String(Math.round(median(xs) * 100)) : "-";
  }).join(" "));
} else {
  // worst audits of the median-performance run
  const byPerf = [...reports].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const r = byPerf[Math.floor((byPerf.length - 1) / 2)];
  const a = r.audits;
  const failing = (c) => r.categories[c].auditRefs
    .filter((ref) => a[ref.id] && typeof a[ref.id].score === "number" && a[ref.id].score < 0.9 && ref.weight > 0)
    .sort((x, y) => y.weight * (1 - a[y.id].score) - x.weight * (1 - a[x.id].score));
  const item = (id) => { const d = a[id].details; return d && d.items ? ` (${d.items.length} items)` : ""; };
  const metrics = failing("performance").slice(0, 3)
    .map((ref) => `${ref.id} ${a[ref.id].displayValue || ""} score ${Math.round(a[ref.id].score * 100)}`);
  const hints = r.categories.performance.auditRefs
    .filter((ref) => ref.weight === 0 && a[ref.id] && typeof a[ref.id].score === "number" && a[ref.id].score < 0.9
      && a[ref.id].scoreDisplayMode !== "informative" && a[ref.id].scoreDisplayMode !== "notApplicable")
    .map((ref) => ({ id: ref.id, ms: (a[ref.id].metricSavings && (a[ref.id].metricSavings.LCP || a[ref.id].metricSavings.FCP || a[ref.id].metricSavings.TBT)) || 0, dv: a[ref.id].displayValue || "" }))
    .sort((x, y) => y.ms - x.ms).slice(0, 3)
    .map((h) => `${h.id}${h.dv ? " " + h.dv : ""}`);
  const a11y = failing("accessibility").slice(0, 3).map((ref) => ref.id + item(ref.id));
  console.log(`    performance metrics: ${metrics.join("; ") || "none below 90"}`);
  console.log(`    performance hints:   ${hints.join("; ") || "none"}`);
  console.log(`    accessibility fails: ${a11y.join("; ") || "none"}`);
}
'

# measure NAME URL [COOKIE]: LIGHTHOUSE_RUNS runs; prints the median scores "perf a11y bp seo".
measure() {
    local name="$1" url="$2" cookie="${3:-}" run args=() reports=()
    check_local "$url"
    if [[ -n "$cookie" ]]; then
        node -e 'console.log(JSON.stringify({ Cookie: process.argv[1] }))' "$cookie" >"$TMP/headers-$name.json"
        args+=("--extra-headers=$TMP/headers-$name.json")
    fi
    for ((run = 1; run <= LIGHTHOUSE_RUNS; run++)); do
        local out="$REPORT_DIR/$name-$run.json"
        log "lighthouse $name ($run/$LIGHTHOUSE_RUNS): $url"
        timeout "$LIGHTHOUSE_TIMEOUT_SECONDS" "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" "$url" \
            --quiet --output=json --output-path="$out" \
            --only-categories="$CATEGORIES" --chrome-flags="$CHROME_FLAGS" \
            --max-wait-for-load=60000 ${args[@]+"${args[@]}"} >"$TMP/lh.log" 2>&1 \
            || { tail -n 20 "$TMP/lh.log" >&2; die "lighthouse failed on $url"; }
        # A redirect to /login would measure the wrong page.
        local final
        final="$(node -e 'const r = require(process.argv[1]); console.log(r.finalDisplayedUrl || r.finalUrl)' "$out")"
        [[ "$final" == "$url" ]] || die "$url ended on $final (not logged in?)"
        reports+=("$out")
    done
    node -e "$REPORT_JS" scores "${reports[@]}"
    node -e "$REPORT_JS" audits "${reports[@]}" >"$TMP/audits-$name.txt"
}

# ---------------------------------------------------------------------------
main() {
    local base="${1:-${LIGHTHOUSE_BASE_URL:-http://localhost:3000}}"
    base="${base%/}"
    [[ "$LIGHTHOUSE_RUNS" =~ ^[1-9][0-9]*$ ]] || die "LIGHTHOUSE_RUNS must be a positive integer"
    [[ "$base" =~ ^http://[^/]+:[0-9]+$ ]] || die "BASE_URL must look like http://localhost:<port> (got $base)"
    check_local "$base"
    local port="${base##*:}"

    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TMP="$(mktemp -d)"
    mkdir -p "$REPORT_DIR"

    ensure_lighthouse
    [[ "$(http_status "$base/healthz")" == 200 ]] || die "$base/healthz does not answer 200: is the server running?"

    # Sessions first, so a login problem shows before minutes of measuring.
    log "logging in as the operator ($OPERATOR_EMAIL)"
    login "$base" "$TMP/operator.jar" "$OPERATOR_EMAIL" "$OPERATOR_PASSWORD"
    local operator_cookie portal_base portal_cookie
    operator_cookie="$(cookie_header "$TMP/operator.jar")"
    [[ -n "$operator_cookie" ]] || die "the operator login set no cookie"
    if [[ -n "${LIGHTHOUSE_PORTAL_COOKIE:-}" ]]; then
        [[ -n "${LIGHTHOUSE_PORTAL_HOST:-}" ]] || die "LIGHTHOUSE_PORTAL_COOKIE needs LIGHTHOUSE_PORTAL_HOST"
        portal_base="http://$LIGHTHOUSE_PORTAL_HOST"
        portal_cookie="$LIGHTHOUSE_PORTAL_COOKIE"
    else
        portal_base="$(portal_login "$base" "$port" "$TMP/visitor.jar")"
        portal_cookie="$(cookie_header "$TMP/visitor.jar.portal")"
        [[ -n "$portal_cookie" ]] || die "the portal login set no cookie"
    fi

    local pages=(storefront configurator portal operator)
    local -A url=(
        [storefront]="$base/"
        [configurator]="$base/order/erp-business"
        [portal]="$portal_base/portal"
        [operator]="$base/operator"
    )
    local -A cookie=([portal]="$portal_cookie" [operator]="$operator_cookie")
    local -A scores=()
    local p
    for p in "${pages[@]}"; do
        scores[$p]="$(measure "$p" "${url[$p]}" "${cookie[$p]:-}")"
        printf '%-13s %-50s %s\n' "$p" "${url[$p]}" "${scores[$p]}"
    done

    echo
    echo "Lighthouse $LIGHTHOUSE_VERSION, mobile, median of $LIGHTHOUSE_RUNS run(s); reports in $REPORT_DIR"
    echo
    printf '| %-13s | %-11s | %-13s | %-14s | %-3s |\n' page performance accessibility best-practices seo
    printf '|%s|%s|%s|%s|%s|\n' ---------------  ------------- --------------- ---------------- -----
    for p in "${pages[@]}"; do
        local perf a11y bp seo
        read -r perf a11y bp seo <<<"${scores[$p]}"
        printf '| %-13s | %11s | %13s | %14s | %3s |\n' "$p" "$perf" "$a11y" "$bp" "$seo"
    done
    echo
    echo "Worst audits (the median run by performance):"
    for p in "${pages[@]}"; do
        echo "  $p"
        cat "$TMP/audits-$p.txt"
    done
}

case "${1:-}" in
    -h | --help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) main "$@" ;;
esac
