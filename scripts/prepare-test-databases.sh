#!/usr/bin/env bash
# Runs before `npm test`: each script in scripts/databases/ installs what the tests of one
# database client need (Debian packages, a compiled plug-in, the SQL kit) into the local
# database server. Each script is idempotent and quick when nothing has changed.
set -euo pipefail
cd "$(dirname "$0")/.."

for setup in scripts/databases/*.sh; do
  [ -e "$setup" ] || continue
  echo "prepare-test-databases: running $setup"
  bash "$setup"
done
