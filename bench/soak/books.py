"""After the load: wait until the orders settle, then check the books in the platform database
(sqlite3 CLI or psql; the same SQL on both engines)."""
import subprocess
import time
from dataclasses import dataclass

FINAL = ("completed", "rejected", "cancelled", "failed")
MOVING = ("placed", "screening", "provisioning")


class Db:
    """Runs one SQL statement with the engine's command-line client; rows are lists of strings
    (NULL reads as '')."""

    def __init__(self, target):
        if target.startswith("sqlite:"):
            path = target[len("sqlite:"):]
            self.argv = ["sqlite3", "-batch", "-bail", "-noheader", "-separator", "\t",
                         "-cmd", ".timeout 10000", path]
        elif target.startswith(("postgres://", "postgresql://")):
            self.argv = ["psql", target, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c"]
        else:
            raise ValueError(f"unknown database target {target!r} (sqlite:<file> or postgres://...)")

    def rows(self, sql):
        out = subprocess.run(self.argv + [sql], capture_output=True, text=True, timeout=120,
                             env={"PGCONNECT_TIMEOUT": "10", "PATH": "/usr/bin:/bin:/usr/local/bin"})
        if out.returncode != 0:
            raise RuntimeError(f"query failed ({out.returncode}): {out.stderr.strip()[:300]}\n{sql}")
        return parse_rows(out.stdout)

    def value(self, sql):
        rows = self.rows(sql)
        return int(rows[0][0]) if rows and rows[0] and rows[0][0] != "" else 0


def parse_rows(text):
    return [line.split("\t") for line in text.splitlines() if line != ""]


def settle(db, timeout, stall, log):
    """Waits until no order moves by itself and no idempotency claim is open, at most `timeout`
    seconds, and less once nothing changed for `stall` seconds. Returns the last counts."""
    start = last_change = time.monotonic()
    last = None
    moving_list = ", ".join(f"'{s}'" for s in MOVING)
    while True:
        counts = (
            db.value(f"SELECT count(*) FROM orders WHERE status IN ({moving_list})"),
            db.value("SELECT count(*) FROM idempotency_keys WHERE order_id IS NULL"),
        )
        now = time.monotonic()
        if counts == (0, 0):
            log(f"settled after {now - start:.1f} s")
            return counts
        if counts != last:
            last, last_change = counts, now
        if now - start >= timeout or now - last_change >= stall:
            log(f"not settled after {now - start:.1f} s: {counts[0]} order(s) moving, "
                f"{counts[1]} idempotency claim(s) open")
            return counts
        time.sleep(0.5)


# Every query the checks read; the results are kept as they come (strings) so that the self-test
# can feed hand-written ones to evaluate().
QUERIES = {
    "orders_by_status": "SELECT status, CASE WHEN flag_reasons <> '' THEN 1 ELSE 0 END, count(*) "
                        "FROM orders GROUP BY status, CASE WHEN flag_reasons <> '' THEN 1 ELSE 0 END "
                        "ORDER BY status",
    "orders_by_kind": "SELECT kind, count(*) FROM orders GROUP BY kind ORDER BY kind",
    # One row per order that costs money: id, status, total, payments, captured payments,
    # captured amount, refunded payments, invoices.
    "paid_orders": "SELECT o.id, o.status, o.total_minor, "
                   "(SELECT count(*) FROM payments p WHERE p.order_id = o.id), "
                   "(SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'captured'), "
                   "(SELECT COALESCE(sum(p.amount_minor), 0) FROM payments p WHERE p.order_id = o.id AND p.status = 'captured'), "
                   "(SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'refunded'), "
                   "(SELECT count(*) FROM invoices i WHERE i.order_id = o.id) "
                   "FROM orders o WHERE o.total_minor > 0 ORDER BY o.id",
    "payments_by_status": "SELECT status, count(*) FROM payments GROUP BY status ORDER BY status",
    "payments_without_order": "SELECT count(*) FROM payments WHERE order_id IS NULL",
    "extra_payments_of_free_orders": "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                     "WHERE o.total_minor = 0 AND p.status = 'captured'",
    "shared_references": "SELECT reference, count(*) FROM payments GROUP BY reference "
                         "HAVING count(*) > 1 OR count(DISTINCT order_id) > 1",
    "refunded_completed": "SELECT o.id, p.reference FROM payments p JOIN orders o ON o.id = p.order_id "
                          "WHERE p.status = 'refunded' AND o.status = 'completed' ORDER BY o.id",
    "invoices": "SELECT s.code, s.invoice_prefix, s.next_invoice_number, COALESCE(i.number, '') "
                "FROM storefronts s LEFT JOIN invoices i ON i.storefront_id = s.id ORDER BY s.id, i.id",
    "attempts": "SELECT COALESCE(max(provision_attempts), 0), "
                "COALESCE(sum(CASE WHEN provision_attempts > 1 THEN 1 ELSE 0 END), 0) FROM orders",
    "repeated_steps": "SELECT order_id, attempt, step FROM provisioning_steps WHERE attempt > 1 ORDER BY order_id, attempt",
    "tenants_shared": "SELECT tenant_id, count(*) FROM orders WHERE kind = 'new_sale' AND tenant_id IS NOT NULL "
                      "GROUP BY tenant_id HAVING count(*) > 1",
    "open_claims": "SELECT scope, key FROM idempotency_keys WHERE order_id IS NULL ORDER BY created_at",
}


def gather(db):
    return {name: db.rows(sql) for name, sql in QUERIES.items()}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def line(self):
        return f"{'PASS' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


def _some(items, n=5):
    items = list(items)
    more = f" (+{len(items) - n} more)" if len(items) > n else ""
    return ", ".join(str(i) for i in items[:n]) + more


def invoice_gaps(rows):
    """Per storefront: (code, invoices, first, last, next number, problems). Numbers are
    <prefix><n>; a storefront's must be exactly 1..next_invoice_number-1."""
    by_sf = {}
    for code, prefix, nxt, number in rows:
        sf = by_sf.setdefault(code, {"prefix": prefix, "next": int(nxt), "numbers": [], "bad": []})
        if number == "":
            continue
        digits = number[len(prefix):] if number.startswith(prefix) else ""
        if digits.isdigit():
            sf["numbers"].append(int(digits))
        else:
            sf["bad"].append(number)
    out = []
    for code, sf in by_sf.items():
        nums = sorted(sf["numbers"])
        expected = list(range(1, sf["next"]))
        problems = []
        if sf["bad"]:
            problems.append(f"unparsable numbers {_some(sf['bad'])}")
        dupes = sorted({n for i, n in enumerate(nums) if i and nums[i - 1] == n})
        if dupes:
            problems.append(f"duplicates {_some(dupes)}")
        missing = sorted(set(expected) - set(nums))
        if missing:
            problems.append(f"missing {_some(missing)}")
        beyond = sorted({n for n in nums if n >= sf["next"] or n < 1})
        if beyond:
            problems.append(f"outside 1..{sf['next'] - 1}: {_some(beyond)}")
        first = f"{sf['prefix']}{nums[0]:06d}" if nums else "-"
        last = f"{sf['prefix']}{nums[-1]:06d}" if nums else "-"
        out.append((code, len(nums) + len(sf["bad"]), first, last, sf["next"], problems))
    return out


def evaluate(raw, client):
    """The checks, from gather()'s rows and what the clients saw (`client`: dict of
    order_keys_ok, order_keys_unknown, replay_mismatches, replays, change_keys_ok,
    change_keys_unknown, change_replay_mismatches, change_replays)."""
    return [_charges(raw), _refunds(raw), _invoices(raw), _final_states(raw), _jobs(raw),
            _claims(raw), _keys(raw, client)]


def _charges(raw):
    """One charge per paid order: a completed order with a price has exactly one payment, captured,
    of its total, and one invoice; no order has two payments; no reference is used twice."""
    paid = [[int(x) if x.lstrip("-").isdigit() else x for x in r] for r in raw["paid_orders"]]
    completed = [r for r in paid if r[1] == "completed"]
    bad_completed = [r[0] for r in completed if r[3] != 1 or r[4] != 1 or r[5] != r[2]]
    no_invoice = [r[0] for r in completed if r[7] != 1]
    free_charged = int(raw["extra_payments_of_free_orders"][0][0])
    orphans = int(raw["payments_without_order"][0][0])
    pay_text = " ".join(f"{s}={n}" for s, n in raw["payments_by_status"]) or "none"
    detail = (f"{len(paid)} orders with a price, {len(completed)} completed; "
              f"{len(completed) - len(bad_completed)} completed with exactly one captured payment of "
              f"the order's total and one invoice; payments by status: {pay_text}")
    problems = [f"{label}: {_some(items)}" for label, items in (
        ("completed orders without exactly one captured charge of their total", bad_completed),
        ("orders with two or more payments", [r[0] for r in paid if r[4] > 1 or r[3] > 1]),
        ("completed orders without exactly one invoice", no_invoice),
        ("payment references on two rows or orders", [r[0] for r in raw["shared_references"]]),
        ("captured payments on orders that cost nothing", [free_charged] if free_charged else []),
        ("payments without an order", [orphans] if orphans else []),
    ) if items]
    kept = [r[0] for r in paid if r[1] != "completed" and r[4] > 0]
    if kept:
        detail += f"; note: captured charge kept on orders not completed: {_some(kept)}"
    return Check("one charge per paid order", not problems, "; ".join([detail] + problems))


def _refunds(raw):
    refunded = raw["refunded_completed"]
    return Check("no refund of a kept charge", not refunded,
                 f"{len(refunded)} refunded payment(s) of completed orders"
                 + (f": orders {_some(r[0] for r in refunded)}" if refunded else ""))


def _invoices(raw):
    gaps = invoice_gaps(raw["invoices"])
    parts = [f"{code}: {n} invoices {first}..{last}, next number {nxt}"
             + (f" [{'; '.join(probs)}]" if probs else "")
             for code, n, first, last, nxt, probs in gaps]
    return Check("invoices gapless per storefront", all(not g[5] for g in gaps), "; ".join(parts))


def _final_states(raw):
    """Completed, rejected, cancelled or failed; awaiting approval only when screening flagged it."""
    by_status, flagged_waiting = {}, 0
    for status, flagged, n in raw["orders_by_status"]:
        by_status[status] = by_status.get(status, 0) + int(n)
        if status == "awaiting_approval" and flagged == "1":
            flagged_waiting += int(n)
    status_text = " ".join(f"{s}={n}" for s, n in sorted(by_status.items())) or "no orders"
    not_final = sum(n for s, n in by_status.items() if s not in FINAL) - flagged_waiting
    return Check("every order in a final state", not_final == 0,
                 f"{sum(by_status.values())} orders: {status_text}"
                 + (f"; {flagged_waiting} flagged awaiting approval (allowed)" if flagged_waiting else "")
                 + (f"; {not_final} not final" if not_final else ""))


def _jobs(raw):
    """No provisioning job ran twice: one attempt per order, no step of a second attempt, no
    tenant built for two new orders."""
    max_attempts, multi = (int(x) for x in raw["attempts"][0])
    steps, shared_tenants = raw["repeated_steps"], raw["tenants_shared"]
    detail = (f"max provision_attempts {max_attempts}; {multi} order(s) with more than one attempt; "
              f"{len(steps)} provisioning step(s) with attempt > 1; "
              f"{len(shared_tenants)} tenant(s) built for two new orders")
    if steps:
        detail += f" (steps: {_some('/'.join(s) for s in steps)})"
    ok = multi == 0 and not steps and not shared_tenants and max_attempts <= 1
    return Check("no job repeated", ok, detail)


def _claims(raw):
    claims = raw["open_claims"]
    return Check("no idempotency key without its order", not claims,
                 f"{len(claims)} idempotency_keys row(s) with order_id NULL"
                 + (f": {_some(':'.join(c) for c in claims)}" if claims else ""))


def _keys(raw, client):
    """What the clients were told matches what was recorded: one order per key answered, and a
    replay answers the first request's order."""
    kinds = {k: int(n) for k, n in raw["orders_by_kind"]}
    new_sales = kinds.get("new_sale", 0)
    changes = sum(n for k, n in kinds.items() if k != "new_sale")
    lo, hi = client["order_keys_ok"], client["order_keys_ok"] + client["order_keys_unknown"]
    clo, chi = client["change_keys_ok"], client["change_keys_ok"] + client["change_keys_unknown"]
    ok = (lo <= new_sales <= hi and clo <= changes <= chi
          and client["replay_mismatches"] == 0 and client["change_replay_mismatches"] == 0)
    return Check(
        "one order per idempotency key", ok,
        f"{new_sales} new orders recorded for {lo} keys answered 2xx (+{hi - lo} unanswered); "
        f"{changes} change orders for {clo} portal keys answered 200 (+{chi - clo} unanswered); "
        f"{client['replays']} order replays, {client['replay_mismatches']} answered another order; "
        f"{client['change_replays']} change replays, {client['change_replay_mismatches']} answered another order")


def client_facts(shared):
    """What the clients saw, for evaluate()."""
    ids = shared.ids_by_key
    tokens = shared.change_tokens
    return {
        "order_keys_ok": len(ids),
        # Keys whose answers were all lost: they may or may not have made an order.
        "order_keys_unknown": len(shared.order_unknown - set(ids)),
        "replays": sum(len(v) - 1 for v in ids.values()),
        "replay_mismatches": sum(1 for v in ids.values() if len(set(v)) > 1),
        "change_keys_ok": len(tokens),
        "change_keys_unknown": len(shared.change_unknown - set(tokens)),
        "change_replays": sum(len(v) - 1 for v in tokens.values()),
        "change_replay_mismatches": sum(1 for v in tokens.values() if len(set(map(str, v))) > 1),
    }

