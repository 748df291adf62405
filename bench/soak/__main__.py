"""Soak driver of bench/soak.sh (Python 3.11, standard library only).

  python3 bench/soak run --engine sqlite --port 3400 --db sqlite:/tmp/x/platform.db \
      --manifest-dir <checkout>/app --binary <tenantry> --seconds 60 --clients 8 \
      --run-id ab12cd --summary /tmp/x/summary.json
      (env: SOAK_API_KEY=tnt_..., SOAK_OPERATOR_PASSWORD=...)
  python3 bench/soak self-test

`run` drives the server at 127.0.0.1:<port>, prints the load report, waits for the orders to
settle, checks the books in the platform database, and exits 1 if a check fails (2 if it could
not start)."""
import argparse
import json
import os
import socket
import sys
import time

import books
import fnpath
import load
import stats as stats_mod


def log(msg):
    print(f"[soak] {msg}", file=sys.stderr, flush=True)


def die(msg):
    log(f"ERROR: {msg}")
    sys.exit(2)


def attacker_address():
    """127.0.0.2 when this machine can send from it (Linux routes all of 127/8 to lo)."""
    try:
        with socket.socket() as s:
            s.bind((load.ATTACKER_ADDRESS, 0))
        return load.ATTACKER_ADDRESS
    except OSError:
        log(f"WARNING: cannot send from {load.ATTACKER_ADDRESS}; wrong logins come from 127.0.0.1 "
            "and their throttling will refuse the right ones too")
        return "127.0.0.1"


def preflight(cfg):
    """The API key works, the plans are there, and the operator can log in (which proves the
    server function paths)."""
    probe = load.Client(0, cfg, load.Shared(), time.monotonic(), seed=0)
    got = probe.api("preflight", "GET", "/api/v1/plans")
    if got is None or got[0] != 200:
        die(f"GET /api/v1/plans answered {got and got[0]}: {got and got[2][:300]!r}")
    plans = got[2].decode("utf-8", "replace")
    for code in ("erp-business", "erp-enterprise"):
        if f'"{code}"' not in plans:
            die(f"plan {code} is not in GET /api/v1/plans; the soak orders it")
    got = probe.server_fn("preflight", "login", probe.storefront,
                          [("email", load.OPERATOR_EMAIL), ("password", cfg["operator_password"])])
    if got is None or got[0] != 200:
        die(f"operator login at {cfg['paths']['login']} answered {got and got[0]}: {got and got[2][:300]!r}")
    probe.main.close()


def run(args):
    api_key = os.environ.get("SOAK_API_KEY", "")
    password = os.environ.get("SOAK_OPERATOR_PASSWORD", "")
    if not api_key.startswith("tnt_") or not password:
        die("SOAK_API_KEY (tnt_...) and SOAK_OPERATOR_PASSWORD must be set")
    paths = fnpath.server_fn_paths(args.manifest_dir)
    missing = fnpath.missing_in_binary(args.binary, paths)
    if missing:
        die(f"{args.binary} has no {', '.join(missing)}: it was not built from "
            f"{os.path.dirname(args.manifest_dir)} (server function paths depend on the checkout)")
    cfg = {
        "port": args.port, "api_key": api_key, "operator_password": password, "paths": paths,
        "run_id": args.run_id, "seed": int(args.run_id, 16) % 100000, "attacker": attacker_address(),
    }
    preflight(cfg)
    log(f"{args.clients} clients for {args.seconds} s against 127.0.0.1:{args.port} ({args.engine})")
    stats, shared, wall = load.run_load(cfg, args.clients, args.seconds)
    rows = stats_mod.summarize(stats, wall)
    print("\n".join(stats_mod.report_lines(args.engine, args.clients, args.seconds, wall, rows, stats.samples)),
          flush=True)

    db = books.Db(args.db)
    log(f"waiting for orders to settle (at most {args.settle_seconds} s)")
    books.settle(db, args.settle_seconds, args.stall_seconds, log)
    checks = books.evaluate(books.gather(db), books.client_facts(shared))
    unexpected = sum(r["unexpected"] for r in rows)
    checks.append(books.Check("answers as expected", unexpected == 0,
                              f"{unexpected} unexpected answer(s), "
                              f"{sum(r['transport_errors'] for r in rows)} transport error(s)"))
    print(f"\nbooks on {args.engine}:")
    for c in checks:
        print(f"  {c.line()}")
    failed = [c.name for c in checks if not c.ok]
    print(f"\n{args.engine}: {'all checks passed' if not failed else 'FAILED: ' + ', '.join(failed)}", flush=True)
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump({
                "engine": args.engine, "clients": args.clients, "seconds": args.seconds,
                "wall_seconds": round(wall, 1), "requests": stats.total(),
                "per_second": round(stats.total() / wall, 1) if wall else 0, "kinds": rows,
                "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks],
            }, f, indent=1)
    return 1 if failed else 0


def main(argv):
    parser = argparse.ArgumentParser(prog="bench/soak")
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--engine", required=True)
    r.add_argument("--port", type=int, required=True)
    r.add_argument("--db", required=True, help="sqlite:<file> or postgres://...")
    r.add_argument("--manifest-dir", required=True, help="the app crate's directory in the checkout built")
    r.add_argument("--binary", required=True)
    r.add_argument("--seconds", type=int, default=60)
    r.add_argument("--clients", type=int, default=8)
    r.add_argument("--run-id", required=True, help="a few hex digits; keeps names unique")
    r.add_argument("--summary", default="")
    r.add_argument("--settle-seconds", type=int, default=120)
    r.add_argument("--stall-seconds", type=int, default=30)
    sub.add_parser("self-test")
    args = parser.parse_args(argv)
    if args.cmd == "self-test":
        import selftest
        return selftest.run()
    if args.seconds < 1 or not 1 <= args.clients <= 256:
        die("--seconds must be positive and --clients between 1 and 256")
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
