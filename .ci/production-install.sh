#!/usr/bin/env bash
# What the Docker image runs, checked on this machine (no Docker engine here): production dependencies only
# (npm ci --omit=dev) plus the built output, started as `node dist/src/main.js`, must answer /readyz.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d dist/src ]] || npm run build
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp package.json package-lock.json "$work"/
cp -r dist reference "$work"/
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --prefer-offline >/dev/null)
[[ ! -e "$work/node_modules/typescript" ]] || { echo "a development dependency was installed"; exit 1; }
(cd "$work" && SQLITE_PATH="$work/data/ocop.sqlite" PORT=4099 LOG_LEVEL=warn exec node dist/src/main.js) &
server=$!
for _ in $(seq 1 60); do
  if node -e "fetch('http://127.0.0.1:4099/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    kill -TERM "$server"; wait "$server"
    echo "production install: node dist/src/main.js from npm ci --omit=dev answers /readyz and stops on SIGTERM"
    exit 0
  fi
  sleep 1
done
echo "production install: the server did not become ready" >&2
exit 1
