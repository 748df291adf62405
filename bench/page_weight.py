#!/usr/bin/env python3
"""What a page downloads before it is interactive, and the lazily loaded chunks of each audience.

Usage: page_weight.py BASE_URL PKG_DIR [PAGE...]
  BASE_URL  a running server (http://127.0.0.1:<port>), only 127.0.0.1 is accepted
  PKG_DIR   the site's pkg folder (target/site/pkg), where the split manifest is
  PAGE      paths to weigh (default: / and /order/erp-business, the demo catalog's paid plan)

A page's scripts and WASM are what its HTML preloads (the hydration script loads exactly these,
and the server adds the chunks of the lazy route it rendered) plus every module they import
statically, followed recursively; other chunks are fetched only when another page needs them.
Sizes are the bodies as the server sends them with `Accept-Encoding: br` (its precompressed
files), so they are the bytes on the wire. Chunks come from cargo-leptos's split manifest (lazy function -> files it needs); a
lazy function's name starts with its audience (app/src/lazy_routes.rs: `storefront_pages`,
`login_page`, `portal_pages`, `operator_pages`).
"""
import glob
import html.parser
import json
import os
import re
import sys
import urllib.parse
import urllib.request

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
STATIC_IMPORT = re.compile(r"""(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}/[^"']+)["']""")


def fetch(url, encoding):
    """(body bytes as sent, content-encoding) of a GET with this Accept-Encoding."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with OPENER.open(req, timeout=10) as res:
        return res.read(), res.headers.get("Content-Encoding", "identity")


class Preloads(html.parser.HTMLParser):
    """The `/pkg` scripts and WASM a page's head preloads or loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = None
        if tag == "link" and a.get("rel") in ("modulepreload", "preload"):
            url = a.get("href")
        elif tag == "script":
            url = a.get("src")
        if url and re.search(r"\.(js|wasm)$", url):
            self.urls.append(url)


def page_assets(base, path):
    """Every JS and WASM URL the page at `path` loads before it is interactive, in load order."""
    page, _ = fetch(base + path, "identity")
    parser = Preloads()
    parser.feed(page.decode("utf-8", "replace"))
    todo = [urllib.parse.urljoin(base + path, u) for u in parser.urls]
    seen = []
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.append(url)
        if url.endswith(".js"):
            text, _ = fetch(url, "identity")
            todo += [urllib.parse.urljoin(url, m) for m in STATIC_IMPORT.findall(text.decode("utf-8", "replace"))]
    return seen


def kb(n):
    return f"{n / 1024:7.1f} KB"


SIZES = {}
AUDIENCES = ("storefront", "login", "portal", "operator")
BUDGET_KB = 250


def wire_size(url):
    """(bytes on the wire, content-encoding) of `url` requested with `Accept-Encoding: br`."""
    if url not in SIZES:
        body, enc = fetch(url, "br")
        SIZES[url] = (len(body), enc)
    return SIZES[url]


def audience(split_name):
    """The audience of a lazy function (`operator_pages_<hash>` -> `operator`), else `other`."""
    for prefix in AUDIENCES:
        if split_name.lstrip("_").startswith(prefix + "_"):
            return prefix
    return "other"


def weigh_page(base, path):
    """Prints what the page at `path` downloads before it is interactive; returns the total."""
    assets = page_assets(base, path)
    total = 0
    print(f"Page {path}: what it downloads before it is interactive (JS + WASM, Accept-Encoding: br)")
    for url in assets:
        size, enc = wire_size(url)
        total += size
        print(f"  {urllib.parse.urlparse(url).path:<72} {enc:>8} {size:>8} B {kb(size)}")
    verdict = "within" if total <= BUDGET_KB * 1024 else "OVER"
    print(f"  {'total':<72} {'':>8} {total:>8} B {kb(total)}   ({verdict} the {BUDGET_KB} KB budget)")
    return total


def weigh_chunks(base, pkg_dir):
    """Prints the lazily loaded chunks of each audience, from the split manifest."""
    manifests = glob.glob(os.path.join(pkg_dir, "__wasm_split_manifest*.json"))
    if not manifests:
        print("No split manifest: the WASM is one bundle (built without --split).")
        return
    with open(manifests[0]) as f:
        manifest = json.load(f)
    pkg_url = base + "/" + os.path.basename(os.path.normpath(pkg_dir))
    print("Lazily loaded chunks: fetched only when a page that needs them is opened (br, as served)")
    for who in AUDIENCES + ("other",):
        splits = {k: v for k, v in manifest.items() if audience(k) == who}
        if not splits:
            continue
        files = sorted({f for v in splits.values() for f in v})
        all_b = sum(wire_size(f"{pkg_url}/{f}.wasm")[0] for f in files)
        per_page = {k: sum(wire_size(f"{pkg_url}/{f}.wasm")[0] for f in v) for k, v in splits.items()}
        print(f"  {who}: {len(splits)} lazy functions, {len(files)} files, {all_b} B {kb(all_b).strip()} in all")
        for name, size in sorted(per_page.items(), key=lambda kv: -kv[1]):
            print(f"    {name:<70} {size:>8} B {kb(size)}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, pkg_dir = sys.argv[1].rstrip("/"), sys.argv[2]
    pages = sys.argv[3:] or ["/", "/order/erp-business"]
    if not base.startswith("http://127.0.0.1:"):
        sys.exit(f"refusing non-local URL {base}")
    print("(1 KB = 1024 bytes)")
    for path in pages:
        weigh_page(base, path)
        print()
    weigh_chunks(base, pkg_dir)


if __name__ == "__main__":
    main()
