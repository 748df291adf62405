#!/usr/bin/env bash
# Installs what Tenantry needs and is missing; checks before every install.
#   scripts/setup.sh          build tools (wasm target, cargo-leptos, wasm-bindgen)
#   scripts/setup.sh --test   also Chromium, PostgreSQL, the end-to-end test packages and the API
#                             fuzzer (schemathesis, in a virtual environment of its own)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
LEPTOS_VERSION=0.3.11
LEPTOS_TOOLCHAIN=1.97.0

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ $apt_updated -eq 0 ]; then
    say "apt-get update"
    $sudo apt-get update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

if ! command -v cargo >/dev/null; then
  echo "Rust is not installed: see https://rustup.rs, then run this again." >&2
  exit 1
fi

# The toolchain and wasm target come from rust-toolchain.toml.
(cd "$ROOT" && rustup show active-toolchain >/dev/null 2>&1) || (cd "$ROOT" && rustup toolchain install)
if ! (cd "$ROOT" && rustup target list --installed | grep -q wasm32-unknown-unknown); then
  say "adding the wasm32 target"
  (cd "$ROOT" && rustup target add wasm32-unknown-unknown)
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$LEPTOS_VERSION"; then
  say "installing cargo-leptos $LEPTOS_VERSION (about 15 minutes, once per machine)"
  rustup toolchain list | grep -q "^$LEPTOS_TOOLCHAIN" || rustup toolchain install "$LEPTOS_TOOLCHAIN" --profile minimal
  (cd /tmp && cargo "+$LEPTOS_TOOLCHAIN" install cargo-leptos --version "$LEPTOS_VERSION" --locked --features no_downloads)
fi

WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  (cd /tmp && cargo install wasm-bindgen-cli --version "$WBG_VERSION")
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version 1[2-9][0-9]"; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "installing wasm-opt (binaryen 132, npm)"
  npm install -g --silent binaryen@132
fi

if [ "${1:-}" = "--test" ]; then
  # sqlite3: the end-to-end journey moves a renewal's date in the server's database.
  apt_install chromium postgresql sqlite3
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ ! -d "$ROOT/end2end/node_modules/@axe-core/playwright" ]; then
    say "installing the end-to-end test packages"
    # Chromium comes from Debian; never let Playwright download a browser.
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
  fi
  SCHEMATHESIS_VERSION=4.32.5
  SCHEMATHESIS_VENV="${TENANTRY_SCHEMATHESIS_VENV:-$HOME/.cache/tenantry/schemathesis}"
  if ! "$SCHEMATHESIS_VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, in $SCHEMATHESIS_VENV)"
    python3 -m venv "$SCHEMATHESIS_VENV"
    "$SCHEMATHESIS_VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi
