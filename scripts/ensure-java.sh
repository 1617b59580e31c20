#!/usr/bin/env bash
# Install a Java runtime (Debian's default-jre-headless: OpenJDK 17 on bookworm) if `java` is missing, so the
# Spark tests (tests/spark) can run pyspark in local mode.  Spark 4 needs Java 17 or 21.  Needs root for
# apt-get; without root and without Java it says so and exits 1 when CI is set (the tests must not silently
# skip in CI).
set -euo pipefail
if command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
  java -version
  exit 0
fi
echo "Java is not installed and this user cannot apt-get install it; the Spark tests will be skipped" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
