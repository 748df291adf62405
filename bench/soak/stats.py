"""Per-kind request counts, answers and latencies, and the load report."""
import math
from collections import Counter

# What each kind of request may answer in a healthy run. Anything else (and every transport
# error) is an unexpected answer.
EXPECTED = {
    # A new paid order; 202 when it did not settle within Prefer: wait=60.
    "order": {201, 202},
    # The same Idempotency-Key and body again: the first request's order.
    "order-replay": {201, 202},
    # An earlier Idempotency-Key with another body.
    "order-conflict": {409},
    # The operator on the storefront host.
    "login-ok": {200},
    # An unknown account: wrong credentials (422), or throttled (429).
    "login-wrong": {422, 429},
    # An instance's admin on the instance host.
    "portal-login": {200},
    "portal-overview": {200},
    # 422: the change asked for is already the subscription (another client made it since the
    # overview this one read).
    "portal-preview": {200, 422},
    # 409: another change of this subscription is under way, or it changed after the preview;
    # 422: its price changed since the preview.
    "portal-change": {200, 409, 422},
    # The same change form and key again: the first change order.
    "portal-change-replay": {200},
    "api-list": {200},
    "api-plans": {200},
    "api-read": {200},
}

KINDS = list(EXPECTED)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list; None when it is empty."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Stats:
    """One client's record (merged after the run, so no lock is needed)."""

    def __init__(self):
        self.latency = {}  # kind -> [seconds]
        self.answers = {}  # kind -> Counter(status code or "transport:<error>")
        self.samples = {}  # (kind, answer) -> first unexpected body, for the report

    def record(self, kind, answer, seconds, body=b""):
        self.latency.setdefault(kind, []).append(seconds)
        self.answers.setdefault(kind, Counter())[answer] += 1
        if not is_expected(kind, answer) and (kind, answer) not in self.samples:
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
            self.samples[(kind, answer)] = " ".join(text.split())[:200]

    def merge(self, other):
        for kind, values in other.latency.items():
            self.latency.setdefault(kind, []).extend(values)
        for kind, counts in other.answers.items():
            self.answers.setdefault(kind, Counter()).update(counts)
        for key, sample in other.samples.items():
            self.samples.setdefault(key, sample)
        return self

    def total(self):
        return sum(len(v) for v in self.latency.values())


def is_expected(kind, answer):
    return answer in EXPECTED.get(kind, set())


def answers_text(counts):
    """`201=12 409=1 transport:timeout=2`, codes first in numeric order."""
    keys = sorted(counts, key=lambda a: (isinstance(a, str), str(a).zfill(3)))
    return " ".join(f"{k}={counts[k]}" for k in keys)


def summarize(stats, wall_seconds):
    """Per-kind numbers as plain data (for the report and the JSON summary)."""
    rows = []
    for kind in KINDS + sorted(set(stats.latency) - set(KINDS)):
        values = sorted(stats.latency.get(kind, []))
        if not values:
            continue
        counts = stats.answers.get(kind, Counter())
        unexpected = sum(n for a, n in counts.items() if not is_expected(kind, a))
        transport = sum(n for a, n in counts.items() if isinstance(a, str))
        rows.append(
            {
                "kind": kind,
                "requests": len(values),
                "per_second": round(len(values) / wall_seconds, 2) if wall_seconds > 0 else 0.0,
                "p50_ms": round(percentile(values, 50) * 1000, 1),
                "p99_ms": round(percentile(values, 99) * 1000, 1),
                "answers": {str(k): v for k, v in counts.items()},
                "answers_text": answers_text(counts),
                "unexpected": unexpected,
                "transport_errors": transport,
            }
        )
    return rows


def report_lines(engine, clients, seconds, wall_seconds, rows, samples):
    total = sum(r["requests"] for r in rows)
    rate = total / wall_seconds if wall_seconds > 0 else 0.0
    lines = [
        f"soak on {engine}: {clients} clients for {seconds} s "
        f"({wall_seconds:.1f} s until the last answer); {total} requests, {rate:.1f} req/s",
        "",
        f"{'kind':<21} {'requests':>8} {'req/s':>7} {'p50 ms':>9} {'p99 ms':>9}  answers (status=count)",
    ]
    for r in rows:
        lines.append(
            f"{r['kind']:<21} {r['requests']:>8} {r['per_second']:>7.2f} "
            f"{r['p50_ms']:>9.1f} {r['p99_ms']:>9.1f}  {r['answers_text']}"
        )
    unexpected = sum(r["unexpected"] for r in rows)
    transport = sum(r["transport_errors"] for r in rows)
    lines.append("")
    lines.append(f"unexpected answers: {unexpected} (of which transport errors: {transport})")
    for (kind, answer), sample in sorted(samples.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        lines.append(f"  first {kind} {answer}: {sample}")
    return lines
