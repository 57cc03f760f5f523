#!/usr/bin/env bash
# Debian's Chromium for the headless-browser test of the HTML map (tests/outputs/test_map_html.py).
# Idempotent: does nothing when /usr/bin/chromium is already there. No browser download of
# Playwright's own ("playwright install" is never run): the tests drive /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium fonts-dejavu-core
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null) installed"
