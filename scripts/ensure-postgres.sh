#!/usr/bin/env bash
# Install Debian's PostgreSQL server if it is missing, so the store tests can start a private server on
# loopback (tests/conftest.py does that; nothing is started here).  Needs root for apt-get; without root
# and without PostgreSQL it says so and exits 1 when CI is set (the tests must not silently skip in CI).
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  exit 0
fi
echo "PostgreSQL server is not installed and this user cannot apt-get install it; PostgreSQL store tests will be skipped" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
