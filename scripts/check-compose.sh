#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: it must resolve with the two required passwords set (with
# and without the local-llm profile) and must refuse to resolve without them. Uses `docker compose` (v2) or
# `docker-compose` (v1), whichever is installed; says so and succeeds when neither is.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  echo "check-compose: neither 'docker compose' nor 'docker-compose' is installed; skipped."
  exit 0
fi
export PODBRIEF_ADMIN_PASSWORD=check-compose-password POSTGRES_PASSWORD=check-compose-password
"${compose[@]}" config >/dev/null
"${compose[@]}" --profile local-llm config >/dev/null
for missing in PODBRIEF_ADMIN_PASSWORD POSTGRES_PASSWORD; do
  if env -u "$missing" "${compose[@]}" config >/dev/null 2>&1; then
    echo "check-compose: the compose file resolves without $missing; it must be required." >&2
    exit 1
  fi
done
echo "check-compose: valid with the passwords (also --profile local-llm), refused without each."
