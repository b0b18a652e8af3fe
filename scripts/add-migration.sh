#!/usr/bin/env bash
# Adds a migration with the same name to every provider's migrations assembly.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  echo "== $provider"
  dotnet ef migrations add "$name" \
    --project "src/PodBrief.Migrations.$provider" \
    --startup-project "src/PodBrief.Migrations.$provider" \
    --output-dir Migrations
done
