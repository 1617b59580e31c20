#!/usr/bin/env bash
# The browser tests (tests/web) drive the system Chromium (Debian package) through Playwright; Playwright never
# downloads a browser.  Installs it when missing (as root, like CI), else says what to run.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: /usr/bin/chromium missing; browser tests will be skipped (run: sudo apt-get install -y chromium)" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
