#!/usr/bin/env bash
# Fails when the EF model has changes that no migration captures, for either provider.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  echo "== $provider"
  dotnet ef migrations has-pending-model-changes \
    --project "src/PodBrief.Migrations.$provider" \
    --startup-project "src/PodBrief.Migrations.$provider"
done
