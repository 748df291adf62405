"""`bench/soak.sh --self-test`: the driver's parsers, aggregation and checks, without Tenantry.
A tiny HTTP server on 127.0.0.1 stands in for it where a socket is needed."""
import http.server
import json
import os
import tempfile
import threading
import time

import books
import fnpath
import load
import stats as stats_mod

FAILS = []


def check(name, expected, actual):
    if expected == actual:
        print(f"ok    {name}")
    else:
        print(f"FAIL  {name}: expected {expected!r} got {actual!r}")
        FAILS.append(name)


def test_paths():
    check("xxh64('')", 0xEF46DB3751D8E999, fnpath.xxh64(b""))
    check("xxh64('abc')", 0x44BC2CF5AD770999, fnpath.xxh64(b"abc"))
    # Both seen in real release/debug binaries of this project (a short and a >= 32-byte input).
    check("login path", "/api/login5321903949982350064",
          fnpath.server_fn_path("/work/wt-c/app", "app::api::auth", "login"))
    check("change path", "/api/change_subscription1462578873369529605",
          fnpath.server_fn_path("/work/main/app", "app::api::subscription", "change_subscription"))
    check("every soak server fn has a path", sorted(fnpath.SERVER_FNS),
          sorted(fnpath.server_fn_paths("/x/app")))
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(b"\x00junk/api/login42\x00/api/logout7")
    try:
        check("missing_in_binary", ["/api/me1"],
              fnpath.missing_in_binary(f.name, {"a": "/api/login42", "b": "/api/me1"}))
    finally:
        os.unlink(f.name)


def test_stats():
    check("percentile empty", None, stats_mod.percentile([], 99))
    values = [i / 1000 for i in range(1, 101)]
    check("p50 of 1..100 ms", 0.05, stats_mod.percentile(values, 50))
    check("p99 of 1..100 ms", 0.099, stats_mod.percentile(values, 99))
    check("p99 of one", 0.5, stats_mod.percentile([0.5], 99))
    a, b = stats_mod.Stats(), stats_mod.Stats()
    for ms in (10, 20, 30):
        a.record("order", 201, ms / 1000)
    a.record("order", 500, 0.04, b'{"error": {"code": "internal"}}')
    b.record("order", "transport:timeout", 90.0, "timed out")
    b.record("login-wrong", 422, 0.1)
    b.record("login-wrong", 429, 0.001)
    merged = stats_mod.Stats().merge(a).merge(b)
    check("merged total", 7, merged.total())
    rows = {r["kind"]: r for r in stats_mod.summarize(merged, 10.0)}
    check("kinds in order", ["order", "login-wrong"], list(rows))
    check("order requests", 5, rows["order"]["requests"])
    check("order per second", 0.5, rows["order"]["per_second"])
    check("order p50 ms", 30.0, rows["order"]["p50_ms"])
    check("order p99 ms", 90000.0, rows["order"]["p99_ms"])
    check("order answers", "201=3 500=1 transport:timeout=1", rows["order"]["answers_text"])
    check("order unexpected", 2, rows["order"]["unexpected"])
    check("order transport", 1, rows["order"]["transport_errors"])
    check("wrong logins expected", 0, rows["login-wrong"]["unexpected"])
    check("sample kept", '{"error": {"code": "internal"}}', merged.samples[("order", 500)])
    lines = stats_mod.report_lines("sqlite", 8, 10, 10.0, list(rows.values()), merged.samples)
    check("report header", "soak on sqlite: 8 clients for 10 s (10.0 s until the last answer); 7 requests, 0.7 req/s",
          lines[0])
    check("report row", "order                        5    0.50      30.0   90000.0  201=3 500=1 transport:timeout=1",
          lines[3])
    check("report unexpected", "unexpected answers: 2 (of which transport errors: 1)", lines[6])


def test_requests():
    jar = {}
    load.set_cookies(jar, [("set-cookie", "id=abc; Path=/; HttpOnly"), ("Content-Type", "x")])
    check("cookie set", {"id": "abc"}, jar)
    load.set_cookies(jar, [("Set-Cookie", "id=def; Path=/"), ("Set-Cookie", "other=1")])
    check("cookie replaced", "id=def; other=1", load.cookie_header(jar))
    load.set_cookies(jar, [("Set-Cookie", "id=; Max-Age=0; Path=/")])
    check("cookie removed", {"other": "1"}, jar)
    body = json.loads(load.order_body("s1-2-3"))
    check("order body fields", sorted(["plan", "company", "contact_name", "email", "password", "instance_name",
                                       "period_months", "billing_country", "billing_address", "payment_method",
                                       "card"]), sorted(body))
    check("order body email", "soak-s1-2-3@example.com", body["email"])
    check("order body 12 months", 12, body["period_months"])
    other = load.order_body("s1-2-3").replace(b'"company":"Soak Ltd"', b'"company":"Soak Other Ltd"')
    check("conflicting body differs only in company", {"company": "Soak Other Ltd"},
          {k: v for k, v in json.loads(other).items() if body[k] != v})
    check("change: business -> enterprise", [("form[plan]", "erp-enterprise")],
          load.change_form({"plan_code": "erp-business", "addons": []}))
    check("change: enterprise adds support", [("form[plan]", "erp-enterprise"), ("form[addons][support-247]", "1")],
          load.change_form({"plan_code": "erp-enterprise", "addons": []}))
    check("change: enterprise drops support", [("form[plan]", "erp-enterprise")],
          load.change_form({"plan_code": "erp-enterprise", "addons": [["support-247", 1]]}))


class _Fake(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = json.dumps({"host": self.headers["Host"], "cookie": self.headers.get("Cookie"),
                           "form": self.rfile.read(n).decode(), "peer": self.client_address[0]}).encode()
        self.send_response(200)
        self.send_header("Set-Cookie", "id=s1; Path=/; HttpOnly")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


def test_client():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        cfg = {"port": port, "api_key": "tnt_x", "operator_password": "pw", "run_id": "ab", "seed": 1,
               "paths": {"login": "/api/login1"}, "attacker": "127.0.0.1"}
        c = load.Client(1, cfg, load.Shared(), time.monotonic(), seed=1)
        got = c.server_fn("login-ok", "login", f"acme.localhost:{port}", [("email", "a@b.c"), ("password", "p w")])
        seen = json.loads(got[2])
        check("Host header sent", f"acme.localhost:{port}", seen["host"])
        check("form encoded", "email=a%40b.c&password=p+w", seen["form"])
        got = c.server_fn("login-ok", "login", f"acme.localhost:{port}", [])
        check("session cookie sent back", "id=s1", json.loads(got[2])["cookie"])
        check("answers recorded", {200: 2}, dict(c.stats.answers["login-ok"]))
    finally:
        server.shutdown()
        server.server_close()
    c.main.close()
    # Nothing listens there any more: a transport error, recorded, and no exception.
    check("refused is None", None, c.api("api-list", "GET", "/api/v1/orders"))
    check("refused recorded", ["transport:ConnectionRefusedError"], list(c.stats.answers["api-list"]))


def good_raw():
    return {
        "orders_by_status": [["completed", "0", "4"]],
        "orders_by_kind": [["new_sale", "3"], ["upgrade", "1"]],
        "paid_orders": [["1", "completed", "59880", "1", "1", "59880", "0", "1"],
                        ["2", "completed", "59880", "1", "1", "59880", "0", "1"],
                        ["3", "completed", "59880", "1", "1", "59880", "0", "1"],
                        ["4", "completed", "150000", "1", "1", "150000", "0", "1"]],
        "payments_by_status": [["captured", "4"]],
        "payments_without_order": [["0"]],
        "extra_payments_of_free_orders": [["0"]],
        "shared_references": [],
        "refunded_completed": [],
        "invoices": [["main", "INV-", "5", "INV-000001"], ["main", "INV-", "5", "INV-000002"],
                     ["main", "INV-", "5", "INV-000004"], ["main", "INV-", "5", "INV-000003"],
                     ["us", "US-", "1", ""]],
        "attempts": [["1", "0"]],
        "repeated_steps": [],
        "tenants_shared": [],
        "open_claims": [],
    }


def good_client():
    return {"order_keys_ok": 3, "order_keys_unknown": 0, "replays": 2, "replay_mismatches": 0,
            "change_keys_ok": 1, "change_keys_unknown": 0, "change_replays": 0, "change_replay_mismatches": 0}


def test_books():
    check("parse_rows", [["a", ""], ["1", "2"]], books.parse_rows("a\t\n1\t2\n"))
    check("sqlite argv", "/tmp/p.db", books.Db("sqlite:/tmp/p.db").argv[-1])
    check("psql argv", "postgres://u:p@127.0.0.1:5432/d", books.Db("postgres://u:p@127.0.0.1:5432/d").argv[1])
    try:
        books.Db("mysql://x")
        check("unknown target refused", True, False)
    except ValueError:
        check("unknown target refused", True, True)
    check("gapless", [("main", 3, "INV-000001", "INV-000003", 4, []), ("us", 0, "-", "-", 1, [])],
          books.invoice_gaps([["main", "INV-", "4", "INV-000002"], ["main", "INV-", "4", "INV-000001"],
                              ["main", "INV-", "4", "INV-000003"], ["us", "US-", "1", ""]]))
    check("gap, duplicate, stray", ["duplicates 2", "missing 3", "outside 1..3: 7", ],
          books.invoice_gaps([["m", "I", "4", "I000001"], ["m", "I", "4", "I000002"],
                              ["m", "I", "4", "I000002"], ["m", "I", "4", "I000007"]])[0][5])
    check("unparsable number", ["unparsable numbers X-1", "missing 1"],
          books.invoice_gaps([["m", "I", "2", "X-1"]])[0][5])

    checks = books.evaluate(good_raw(), good_client())
    check("all pass", [], [c.line() for c in checks if not c.ok])
    check("seven checks", 7, len(checks))
    check("invoice detail", "main: 4 invoices INV-000001..INV-000004, next number 5; us: 0 invoices -..-, next number 1",
          checks[2].detail)

    bad = good_raw()
    bad["orders_by_status"] = [["completed", "0", "3"], ["provisioning", "0", "1"], ["awaiting_approval", "1", "2"]]
    bad["paid_orders"][1] = ["2", "completed", "59880", "2", "2", "119760", "0", "1"]
    bad["paid_orders"][2] = ["3", "completed", "59880", "1", "0", "0", "1", "1"]
    bad["refunded_completed"] = [["3", "ref-3"]]
    bad["invoices"] = bad["invoices"][:2] + bad["invoices"][3:]
    bad["attempts"] = [["2", "1"]]
    bad["repeated_steps"] = [["4", "2", "create_database"]]
    bad["open_claims"] = [["api:1", "soak-x"]]
    client = dict(good_client(), replay_mismatches=1)
    failed = {c.name: c.detail for c in books.evaluate(bad, client) if not c.ok}
    check("failing checks", ["every order in a final state", "invoices gapless per storefront",
                             "no idempotency key without its order", "no job repeated",
                             "no refund of a kept charge", "one charge per paid order",
                             "one order per idempotency key"], sorted(failed))
    check("two charges named", True, "orders with two or more payments: 2" in failed["one charge per paid order"])
    check("flagged waiting allowed", True, "2 flagged awaiting approval (allowed); 1 not final"
          in failed["every order in a final state"])
    check("gap named", True, "missing 4" in failed["invoices gapless per storefront"])
    check("repeated step named", True, "4/2/create_database" in failed["no job repeated"])
    lost = dict(good_client(), order_keys_ok=2, order_keys_unknown=1)
    check("unanswered key may have made an order", [], [c.name for c in books.evaluate(good_raw(), lost) if not c.ok])
    extra = dict(good_client(), order_keys_ok=2)
    check("an order nobody was told of", ["one order per idempotency key"],
          [c.name for c in books.evaluate(good_raw(), extra) if not c.ok])

    shared = load.Shared()
    shared.ids_by_key = {"k1": [1, 1, 1], "k2": [2, 5]}
    shared.order_unknown = {"k2", "k3"}
    shared.change_tokens = {"c1": ["t1", "t1"]}
    shared.change_unknown = {"c2"}
    check("client facts", {"order_keys_ok": 2, "order_keys_unknown": 1, "replays": 3, "replay_mismatches": 1,
                           "change_keys_ok": 1, "change_keys_unknown": 1, "change_replays": 1,
                           "change_replay_mismatches": 0}, books.client_facts(shared))


def run():
    for test in (test_paths, test_stats, test_requests, test_client, test_books):
        test()
    if FAILS:
        print(f"self-test: {len(FAILS)} check(s) failed")
        return 1
    print("self-test: all checks passed")
    return 0
