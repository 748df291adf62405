#!/usr/bin/env bash
# Fuzzes the REST API against its generated OpenAPI document with schemathesis: a server on a free
# port with a fresh SQLite database and the demo catalog, an API key, and every check except
# "schema-valid data is accepted" (the document cannot say which plans exist or which instance
# names are taken, so a well-formed order may still be refused with the documented 422).
# Needs target/debug/tenantry (built by `cargo test -p server`) and scripts/setup.sh --test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ST="${TENANTRY_SCHEMATHESIS_VENV:-$HOME/.cache/tenantry/schemathesis}/bin/st"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/tenantry"
DIR="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export TENANTRY_DATA_DIR="$DIR" TENANTRY_OUTBOX_DIR="$DIR/outbox" TENANTRY_LISTEN="127.0.0.1:$PORT" \
  TENANTRY_OPERATOR_PASSWORD="fuzz-operator-pass" LEPTOS_OUTPUT_NAME=tenantry RUST_LOG=warn \
  TENANTRY_FRAUD_MAX_ORDERS_PER_IP=100000
"$BIN" >"$DIR/server.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break
  sleep 0.2
done
KEY="$("$BIN" create-api-key fuzz | grep -o 'tnt_[A-Za-z0-9_]*' | head -1)"
# From the temporary folder, so schemathesis keeps its cache there and not in the checkout.
(cd "$DIR" && "$ST" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  -H "Authorization: Bearer $KEY" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "${TENANTRY_FUZZ_EXAMPLES:-50}" --no-color)
if grep -E "panicked|ERROR" "$DIR/server.log"; then
  echo "the server logged errors while fuzzed (above)" >&2
  exit 1
fi
