"""The URL paths of Leptos server functions, as the server binary was built with them.

Leptos 0.8 names a server function `/api/<fn name><xxh64("<CARGO_MANIFEST_DIR>:<module path>")>`
(server_fn_macro, unless DISABLE_SERVER_FN_HASH or SERVER_FN_OVERRIDE_KEY was set at build time),
so the path depends on the checkout the binary was built from. We compute it from the checkout and
then look for it in the binary, which catches a binary built elsewhere.
"""

_M = (1 << 64) - 1
_P1 = 0x9E3779B185EBCA87
_P2 = 0xC2B2AE3D27D4EB4F
_P3 = 0x165667B19E3779F9
_P4 = 0x85EBCA77C2B2AE63
_P5 = 0x27D4EB2F165667C5

# The server functions the soak calls: name -> Rust module that defines it.
SERVER_FNS = {
    "login": "app::api::auth",
    "subscription_overview": "app::api::subscription",
    "preview_subscription_change": "app::api::subscription",
    "change_subscription": "app::api::subscription",
}


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & _M


def _round(acc, lane):
    return (_rotl((acc + lane * _P2) & _M, 31) * _P1) & _M


def _merge(acc, v):
    return ((acc ^ _round(0, v)) * _P1 + _P4) & _M


def xxh64(data: bytes, seed: int = 0) -> int:
    """XXH64 of `data` (the algorithm of the xxhash-rust crate that server_fn uses)."""
    n, i = len(data), 0
    if n >= 32:
        v = [(seed + _P1 + _P2) & _M, (seed + _P2) & _M, seed & _M, (seed - _P1) & _M]
        while i + 32 <= n:
            for k in range(4):
                v[k] = _round(v[k], int.from_bytes(data[i + 8 * k : i + 8 * k + 8], "little"))
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & _M
        for k in range(4):
            h = _merge(h, v[k])
    else:
        h = (seed + _P5) & _M
    h = (h + n) & _M
    while i + 8 <= n:
        lane = int.from_bytes(data[i : i + 8], "little")
        h = (_rotl(h ^ _round(0, lane), 27) * _P1 + _P4) & _M
        i += 8
    if i + 4 <= n:
        lane = int.from_bytes(data[i : i + 4], "little")
        h = (_rotl(h ^ (lane * _P1 & _M), 23) * _P2 + _P3) & _M
        i += 4
    while i < n:
        h = (_rotl(h ^ (data[i] * _P5 & _M), 11) * _P1) & _M
        i += 1
    h ^= h >> 33
    h = h * _P2 & _M
    h ^= h >> 29
    h = h * _P3 & _M
    h ^= h >> 32
    return h


def server_fn_path(manifest_dir: str, module: str, name: str) -> str:
    """`/api/<name><hash>` for a server function of the crate at `manifest_dir`."""
    return f"/api/{name}{xxh64(f'{manifest_dir}:{module}'.encode())}"


def server_fn_paths(manifest_dir: str) -> dict:
    """The paths of every server function in SERVER_FNS."""
    return {name: server_fn_path(manifest_dir, mod, name) for name, mod in SERVER_FNS.items()}


def missing_in_binary(binary: str, paths: dict) -> list:
    """The paths that do not occur in the binary's bytes (read in chunks)."""
    wanted = {p.encode() for p in paths.values()}
    found = set()
    overlap = max(len(w) for w in wanted)
    tail = b""
    with open(binary, "rb") as f:
        while len(found) < len(wanted):
            chunk = f.read(8 << 20)
            if not chunk:
                break
            window = tail + chunk
            found.update(w for w in wanted if w in window)
            tail = window[-overlap:]
    return sorted(p for p in paths.values() if p.encode() not in found)
