#!/usr/bin/env bash
# `npm test`: the whole suite, in the order a failure is cheapest to read. Extra arguments go to jest.
set -euo pipefail
case "${1:-}" in
  -h | --help)
    cat << 'USAGE'
Usage: npm test [-- JEST ARGUMENTS]
  Runs everything, and sets up what it needs first (test:setup installs Chromium for the browser tests when missing):
  lint, typecheck, kb:check, kb:test, privacy:test, then jest (unit, transcripts, HTTP end to end, browser).
  Stops at the first step that fails; jest always ends by itself, whatever fails.
USAGE
    exit 0
    ;;
esac
npm run --silent test:setup
npm run --silent lint
npm run --silent typecheck
npm run --silent kb:check
npm run --silent kb:test
npm run --silent privacy:test
npx jest --ci "$@"
