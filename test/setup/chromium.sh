#!/usr/bin/env bash
# `npm test` runs this first: the browser tests drive Debian's Chromium (Playwright cannot download its own browser
# here), so it is installed with apt-get when missing, with an emoji font so 👍 / 👎 render in the screenshots.
# CHROMIUM_PATH points the tests at another Chromium and skips the install.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "test setup: CHROMIUM_PATH is $CHROMIUM_PATH, but nothing runnable is there" >&2
  exit 1
fi
if ! command -v apt-get > /dev/null; then
  echo "test setup: no Chromium at /usr/bin/chromium and no apt-get to install it: install Chromium, or set CHROMIUM_PATH" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
echo "test setup: installing Chromium for the browser tests (apt-get install chromium fonts-noto-color-emoji)" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-color-emoji > /dev/null
