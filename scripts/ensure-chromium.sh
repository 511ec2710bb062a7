#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (the browser tests and e2e use it).
# Installs it with apt if missing; never downloads a browser any other way.
# CHROME_PATH names another Chrome or Chromium (macOS, Windows, a local build): it is used as is.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -n "${CHROME_PATH:-}" ] && [ "$CHROME_PATH" != "$CHROMIUM" ]; then
  if [ -x "$CHROME_PATH" ] || [ -f "$CHROME_PATH" ]; then
    # no `--version` here: on Windows that opens a browser window instead of printing
    echo "chromium: using CHROME_PATH=$CHROME_PATH"
    exit 0
  fi
  echo "chromium: CHROME_PATH=$CHROME_PATH does not exist" >&2
  exit 1
fi

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n1 || true) ($CHROMIUM)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "chromium: $CHROMIUM is missing and installing it needs root or sudo" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $CHROMIUM is missing and apt-get is not available (install Debian's chromium package)" >&2
  exit 1
fi

echo "chromium: $CHROMIUM missing, installing the Debian package…"
# Wait for a concurrent apt/dpkg run instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n1 || true) ($CHROMIUM)"
