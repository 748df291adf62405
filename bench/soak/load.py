"""The soak's clients: each loops until the deadline over a weighted mix of orders (some
re-sending an earlier Idempotency-Key), logins (some wrong), portal subscription changes and API
reads, and records every answer. Only 127.0.0.1 is ever connected to."""
import http.client
import json
import random
import socket
import threading
import time
import urllib.parse

from stats import Stats

OPERATOR_EMAIL = "operator@tenantry.localhost"
ADMIN_PASSWORD = "soak-password-123"
ORDER_WAIT_SECONDS = 60  # Prefer: wait=N (the API's maximum)
ORDER_TIMEOUT_SECONDS = ORDER_WAIT_SECONDS + 30
TIMEOUT_SECONDS = 60  # every other request
# Wrong logins come from this loopback address: the server throttles failed logins per address,
# and the attacker's failures must not lock the operator and the admins at 127.0.0.1 out.
ATTACKER_ADDRESS = "127.0.0.2"

# action -> weight. A portal action is several requests (login once per instance, overview,
# preview, change, sometimes the change again).
MIX = {
    "order_new": 24,
    "order_replay": 6,
    "order_conflict": 2,
    "login_ok": 5,
    "login_wrong": 8,
    "portal_change": 10,
    "api_list": 15,
    "api_plans": 10,
    "api_read": 20,
}
PORTAL_REPLAY_SHARE = 0.3  # of confirmed changes, sent again with the same key
HOT_INSTANCES = 4  # portal changes pick one of the first instances half of the time


def order_body(name, company="Soak Ltd"):
    """A paid ERP Business order for 12 months by test card (the API refuses unknown fields).
    12 months, because ERP Enterprise, which the portal upgrades to, is sold yearly only."""
    return json.dumps(
        {
            "plan": "erp-business",
            "company": company,
            "contact_name": "Soak",
            "email": f"soak-{name}@example.com",
            "password": ADMIN_PASSWORD,
            "instance_name": name,
            "period_months": 12,
            "billing_country": "FR",
            "billing_address": "1 rue de la Paix, 75002 Paris",
            "payment_method": "card",
            "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        },
        separators=(",", ":"),
    ).encode()


def change_form(overview):
    """The next change of a subscription, from its portal overview: ERP Business moves up to ERP
    Enterprise; on Enterprise, 24/7 support is added, or taken away when it is there."""
    if overview.get("plan_code") == "erp-business":
        return [("form[plan]", "erp-enterprise")]
    addons = {code for code, qty in overview.get("addons", []) if qty}
    if "support-247" in addons:
        return [("form[plan]", "erp-enterprise")]
    return [("form[plan]", "erp-enterprise"), ("form[addons][support-247]", "1")]


def set_cookies(jar, headers):
    """Applies the response's Set-Cookie headers to `jar` (name -> value)."""
    for name, value in headers:
        if name.lower() != "set-cookie":
            continue
        first, _, attrs = value.partition(";")
        cname, eq, cvalue = first.strip().partition("=")
        if not eq or not cname:
            continue
        attrs = attrs.lower().replace(" ", "")
        if "max-age=0" in attrs or cvalue == "":
            jar.pop(cname, None)
        else:
            jar[cname] = cvalue


def cookie_header(jar):
    return "; ".join(f"{k}={v}" for k, v in sorted(jar.items()))


class Conn:
    """A keep-alive connection to 127.0.0.1:<port> from `source`; reopened after an error."""

    def __init__(self, port, source):
        self.port, self.source, self.conn = port, source, None

    def request(self, method, path, headers, body, timeout):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0)
            )
        self.conn.timeout = timeout
        if self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        try:
            self.conn.request(method, path, body=body, headers=headers)
            res = self.conn.getresponse()
            data = res.read()
            if res.will_close:
                self.close()
            return res.status, res.getheaders(), data
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def transport_name(exc):
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "transport:timeout"
    return f"transport:{type(exc).__name__}"


class Shared:
    """What the clients learn from each other's answers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = []  # (key, body) of new orders, appended before sending
        self.ids_by_key = {}  # order key -> [order id of each 2xx answer]
        self.order_ids = []  # every order id seen
        self.instances = []  # (name, email) of completed orders
        self.change_tokens = {}  # portal change key -> [token of each 200 answer]
        self.order_unknown = set()  # order keys with a request whose answer never came
        self.change_unknown = set()  # portal change keys whose answer never came

    def add(self, attr, item):
        with self.lock:
            getattr(self, attr).append(item)

    def pick(self, attr, rng, first=None):
        with self.lock:
            items = getattr(self, attr)
            if not items:
                return None
            if first and rng.random() < 0.5:
                return rng.choice(items[:first])
            return rng.choice(items)


class Client(threading.Thread):
    def __init__(self, index, cfg, shared, deadline, seed):
        super().__init__(name=f"soak-client-{index}", daemon=True)
        self.index, self.cfg, self.shared, self.deadline = index, cfg, shared, deadline
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.main = Conn(cfg["port"], "127.0.0.1")
        self.attacker = Conn(cfg["port"], cfg.get("attacker", ATTACKER_ADDRESS))
        self.jars = {}  # host -> cookie jar
        self.counter = 0
        self.storefront = f"localhost:{cfg['port']}"

    def run(self):
        actions, weights = list(MIX), list(MIX.values())
        try:
            while time.monotonic() < self.deadline:
                getattr(self, self.rng.choices(actions, weights)[0])()
        finally:
            self.main.close()
            self.attacker.close()

    # --- plumbing ------------------------------------------------------------------------------
    def call(self, kind, method, path, host, headers=None, body=None, conn=None, timeout=TIMEOUT_SECONDS):
        """One request; records it and returns (status, headers, body), or None on a transport
        error."""
        headers = dict(headers or {})
        headers["Host"] = host
        start = time.monotonic()
        try:
            status, res_headers, data = (conn or self.main).request(method, path, headers, body, timeout)
        except (OSError, http.client.HTTPException) as exc:
            self.stats.record(kind, transport_name(exc), time.monotonic() - start, repr(exc))
            return None
        self.stats.record(kind, status, time.monotonic() - start, data)
        return status, res_headers, data

    def api(self, kind, method, path, key=None, body=None):
        headers = {"Authorization": f"Bearer {self.cfg['api_key']}", "Accept": "application/json"}
        timeout = TIMEOUT_SECONDS
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["Prefer"] = f"wait={ORDER_WAIT_SECONDS}"
            headers["Idempotency-Key"] = key
            timeout = ORDER_TIMEOUT_SECONDS
        return self.call(kind, method, path, self.storefront, headers, body, timeout=timeout)

    def server_fn(self, kind, fn, host, form, conn=None):
        """Posts a form to a server function as the hydrated app does (JSON answer), keeping the
        host's session cookie."""
        jar = self.jars.setdefault(host, {})
        headers = {
            "Origin": f"http://{host}",
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        if jar:
            headers["Cookie"] = cookie_header(jar)
        got = self.call(kind, "POST", self.cfg["paths"][fn], host, headers,
                        urllib.parse.urlencode(form).encode(), conn=conn)
        if got is not None:
            set_cookies(jar, got[1])
        return got

    @staticmethod
    def json_of(got):
        try:
            return json.loads(got[2])
        except (ValueError, TypeError):
            return None

    # --- orders --------------------------------------------------------------------------------
    def order_new(self):
        self.counter += 1
        name = f"s{self.cfg['run_id']}-{self.index}-{self.counter}"
        key, body = f"soak-{name}", order_body(name)
        self.shared.add("sent", (key, body))
        got = self.api("order", "POST", "/api/v1/orders", key, body)
        self.note_order(key, got, (name, f"soak-{name}@example.com"))

    def order_replay(self):
        sent = self.shared.pick("sent", self.rng)
        if sent is None:
            return self.order_new()
        key, body = sent
        self.note_order(key, self.api("order-replay", "POST", "/api/v1/orders", key, body))

    def order_conflict(self):
        sent = self.shared.pick("sent", self.rng)
        if sent is None:
            return self.order_new()
        key, body = sent
        other = body.replace(b'"company":"Soak Ltd"', b'"company":"Soak Other Ltd"')
        self.api("order-conflict", "POST", "/api/v1/orders", key, other)

    def note_order(self, key, got, instance=None):
        if got is None:
            with self.shared.lock:
                self.shared.order_unknown.add(key)
            return
        if got[0] not in (201, 202):
            return
        order = self.json_of(got) or {}
        if not isinstance(order.get("id"), int):
            return
        with self.shared.lock:
            self.shared.ids_by_key.setdefault(key, []).append(order["id"])
            self.shared.order_ids.append(order["id"])
            if instance and got[0] == 201 and order.get("status") == "completed":
                self.shared.instances.append(instance)

    # --- logins --------------------------------------------------------------------------------
    def login_ok(self):
        form = [("email", OPERATOR_EMAIL), ("password", self.cfg["operator_password"])]
        self.jars.pop(self.storefront, None)
        self.server_fn("login-ok", "login", self.storefront, form)

    def login_wrong(self):
        email = f"nobody-{self.rng.randrange(10**9)}@example.com"
        form = [("email", email), ("password", "not-the-password")]
        self.jars.pop(self.storefront, None)
        self.server_fn("login-wrong", "login", self.storefront, form, conn=self.attacker)

    # --- portal --------------------------------------------------------------------------------
    def portal_change(self):
        instance = self.shared.pick("instances", self.rng, first=HOT_INSTANCES)
        if instance is None:
            return self.api_read()
        name, email = instance
        host = f"{name}.localhost:{self.cfg['port']}"
        if not self.jars.get(host):
            got = self.server_fn("portal-login", "login", host, [("email", email), ("password", ADMIN_PASSWORD)])
            if got is None or got[0] != 200:
                self.jars.pop(host, None)
                return
        got = self.server_fn("portal-overview", "subscription_overview", host, [])
        overview = self.json_of(got) if got and got[0] == 200 else None
        if not isinstance(overview, dict):
            self.jars.pop(host, None)  # a lost session logs in again next time
            return
        form = change_form(overview)
        got = self.server_fn("portal-preview", "preview_subscription_change", host, form)
        preview = self.json_of(got) if got and got[0] == 200 else None
        if not isinstance(preview, dict) or not isinstance(preview.get("total_minor"), int):
            return
        key = f"pc-{self.cfg['run_id']}-{self.index}-{self.rng.randrange(10**12)}"
        confirm = form + [("form[idempotency_key]", key), ("form[expected_total]", str(preview["total_minor"]))]
        for kind in ("portal-change", "portal-change-replay"):
            got = self.server_fn(kind, "change_subscription", host, confirm)
            if got is None:
                with self.shared.lock:
                    self.shared.change_unknown.add(key)
                return
            if got[0] != 200:
                return
            token = self.json_of(got)
            with self.shared.lock:
                self.shared.change_tokens.setdefault(key, []).append(token)
            if self.rng.random() >= PORTAL_REPLAY_SHARE:
                return

    # --- API reads -----------------------------------------------------------------------------
    def api_list(self):
        self.api("api-list", "GET", "/api/v1/orders?limit=20")

    def api_plans(self):
        self.api("api-plans", "GET", "/api/v1/plans")

    def api_read(self):
        order_id = self.shared.pick("order_ids", self.rng)
        if order_id is None:
            return self.api_list()
        self.api("api-read", "GET", f"/api/v1/orders/{order_id}")


def run_load(cfg, clients, seconds):
    """Runs the clients; returns (merged Stats, Shared, wall seconds until the last answer)."""
    shared = Shared()
    start = time.monotonic()
    deadline = start + seconds
    threads = [Client(i + 1, cfg, shared, deadline, seed=cfg["seed"] * 1000 + i) for i in range(clients)]
    for t in threads:
        t.start()
    # Requests started before the deadline finish on their own timeouts (at most ORDER_TIMEOUT_SECONDS).
    for t in threads:
        t.join(seconds + ORDER_TIMEOUT_SECONDS + 30)
    wall = time.monotonic() - start
    stats = Stats()
    for t in threads:
        stats.merge(t.stats)
    if any(t.is_alive() for t in threads):
        stats.record("driver", "client-still-running", 0.0, "a client thread did not finish in time")
    return stats, shared, wall
