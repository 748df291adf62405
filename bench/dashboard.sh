#!/usr/bin/env bash
# The operator's dashboard at scale (issue 12): a fleet of N tenants with two years of history,
# whose dashboard data is read by the production code on SQLite and on PostgreSQL (goals: under
# 150 ms and 50 ms, release build), and D dashboards on one server's live stream, timed until one
# change reaches them all (goal: under 1 s).
#
# Usage: bench/dashboard.sh [N] [D]     (defaults 100000 and 200)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-100000}"
D="${2:-200}"
cargo build --release -p server --features bench --bin dashboard_bench
echo "== SQLite"
target/release/dashboard_bench "$N" "$D"
echo "== PostgreSQL"
ADMIN="$(scripts/pg.sh)"
DB="tenantry_dashboard_bench_$$"
psql "$ADMIN" -q -c "CREATE DATABASE $DB"
trap 'psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT
BENCH_DATABASE_URL="${ADMIN%/*}/$DB" target/release/dashboard_bench "$N" "$D"
