#!/usr/bin/env bash
# `npm test` runs this first: the browser tests drive Debian's Chromium (Playwright cannot download its own browser
# here), so it is installed with apt-get when missing, with an emoji font so 👍 / 👎 render in the screenshots.
# CHROMIUM_PATH points the tests at another Chromium and skips the install.
set -euo pipefail
case "${1:-}" in
  -h | --help)
    echo "Usage: npm run test:setup"
    echo "  Installs Debian's chromium and fonts-noto-color-emoji for the browser tests when /usr/bin/chromium is missing"
    echo "  (as root, or through passwordless sudo). CHROMIUM_PATH=/path/to/chromium uses another browser instead."
    exit 0
    ;;
esac
install="apt-get install -y chromium fonts-noto-color-emoji"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "test setup: CHROMIUM_PATH is $CHROMIUM_PATH, but nothing runnable is there" >&2
  exit 1
fi
if ! command -v apt-get > /dev/null; then
  echo "test setup: no Chromium at /usr/bin/chromium and no apt-get to install it: install Chromium and run npm test with CHROMIUM_PATH=/path/to/chromium" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if ! command -v sudo > /dev/null || ! sudo -n true 2> /dev/null; then
    echo "test setup: the browser tests need Chromium, and installing it needs root. Run this once, then npm test again:" >&2
    echo "  sudo apt-get update && sudo $install" >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "test setup: installing Chromium for the browser tests (apt-get install chromium fonts-noto-color-emoji)" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo $install -qq > /dev/null
