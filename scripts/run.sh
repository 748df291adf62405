#!/usr/bin/env bash
# Installs what is missing, builds a release, and serves Tenantry on http://127.0.0.1:3000 with
# SQLite under ./data and the demo catalog (seeded on first start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
exec cargo leptos serve --release --precompress
