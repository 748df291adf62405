#!/usr/bin/env bash
# Installs what is missing and runs every test: format and lints, unit tests, integration tests on
# SQLite and PostgreSQL, and the end-to-end journey in Chromium (hydrated and without JavaScript).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh --test
TENANTRY_TEST_PG_URL="$(scripts/pg.sh)"
export TENANTRY_TEST_PG_URL

step "format and lints (warnings are errors)"
cargo fmt --all --check
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server --all-targets -- -D warnings
cargo clippy -p server --lib --bins --features bench -- -D warnings
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

LOG="$(mktemp)"
step "unit tests"
cargo test -p app --features ssr 2>&1 | tee -a "$LOG"

step "integration tests on SQLite and PostgreSQL"
cargo test -p server 2>&1 | tee -a "$LOG"

step "REST API fuzzed against its OpenAPI document (schemathesis)"
scripts/api_fuzz.sh 2>&1 | tee -a "$LOG"

step "end-to-end in Chromium (hydrated and without JavaScript)"
# Every browser order comes from 127.0.0.1, so the per-address order limit of fraud screening is raised.
E2E_DIR="$(mktemp -d)"
trap 'rm -rf "$E2E_DIR" "$LOG"' EXIT
TENANTRY_DATA_DIR="$E2E_DIR" TENANTRY_OUTBOX_DIR="$E2E_DIR/outbox" \
  TENANTRY_OPERATOR_PASSWORD="e2e-operator-pass" RUST_LOG=warn \
  TENANTRY_FRAUD_MAX_ORDERS_PER_IP=1000 TENANTRY_SWEEP_SECS=2 \
  cargo leptos end-to-end --split 2>&1 | tee -a "$LOG"

step "summary"
rust=$(awk '/^test result: ok\./ { n += $4 } END { print n + 0 }' "$LOG")
e2e=$(awk '/^ +[0-9]+ passed \(/ { n += $1 } END { print n + 0 }' "$LOG")
fuzz=$(awk '/ generated, .* passed/ { print $1; exit }' "$LOG")
echo "cargo tests: $rust passed; end-to-end: $e2e passed; API fuzzing: ${fuzz:-0} generated requests, all passed"
echo "$((rust + e2e)) passed, 0 failed"
