#!/usr/bin/env bash
# `npm test`: every check Berth has, cheapest first, so a type error fails in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "types";             npm run --silent typecheck
step "lint";              npm run --silent lint
step "unit tests";        npm run --silent test:unit
step "integration tests"; npm run --silent test:integration
step "production build";  npm run --silent build
step "end-to-end tests";  npm run --silent test:e2e
