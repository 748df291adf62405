#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with a `tenantry` role that may create
# databases and roles (each tenant database gets a role of its own); starts Debian's cluster when
# none is reachable. Prints the admin URL for the tests.
set -euo pipefail
URL="postgres://tenantry:tenantry@127.0.0.1:5432/postgres"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 { print $1, $2 }')
  if [ -z "$cluster" ]; then
    echo "no PostgreSQL cluster found; run scripts/setup.sh --test" >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  pg_ctlcluster --skip-systemctl-redirect $cluster start >&2
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'tenantry'\"" | grep -q 1; then
  as_postgres "psql -qc \"CREATE ROLE tenantry LOGIN CREATEDB CREATEROLE PASSWORD 'tenantry'\"" >&2
elif ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'tenantry' AND rolcreatedb AND rolcreaterole\"" | grep -q 1; then
  # A role made before tenants had roles of their own lacks CREATEROLE.
  as_postgres "psql -qc \"ALTER ROLE tenantry CREATEDB CREATEROLE\"" >&2
fi
echo "$URL"
