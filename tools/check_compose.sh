#!/usr/bin/env bash
# pre-commit hook: docker-compose.yml must parse (`docker compose config`), with the Go
# plugin when installed, else Debian's docker-compose (installed by tools/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export DB_PASSWORD="${DB_PASSWORD:-lint}"
if docker compose version >/dev/null 2>&1; then
  docker compose config --quiet
elif command -v docker-compose >/dev/null; then
  docker-compose config --quiet
else
  echo "neither 'docker compose' nor 'docker-compose' is installed (apt-get install docker-compose)" >&2
  exit 1
fi
