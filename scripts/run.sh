#!/usr/bin/env bash
# Installs what is missing, builds a release, and serves Tenantry on http://127.0.0.1:3000 with
# SQLite under ./data and the demo catalog (seeded on first start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
# --split: the portal's and the operator's pages are WASM chunks of their own (app/src/lazy_routes.rs).
exec cargo leptos serve --release --precompress --split
