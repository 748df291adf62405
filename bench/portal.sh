#!/usr/bin/env bash
# The portal at scale (issue 11): a tenant with 1,000 users and 500 invoices; its admin's portal
# pages are rendered by the real router in process, on SQLite and on PostgreSQL, release build.
# Prints each page's median and 95th-percentile server time (goal: under 20 ms).
#
# Usage: bench/portal.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo build --release -p server --features bench --bin portal_bench
echo "== SQLite"
target/release/portal_bench
echo "== PostgreSQL"
ADMIN="$(scripts/pg.sh)"
DB="tenantry_portal_bench_$$"
psql "$ADMIN" -q -c "CREATE DATABASE $DB"
trap 'psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT
BENCH_DATABASE_URL="${ADMIN%/*}/$DB" target/release/portal_bench
