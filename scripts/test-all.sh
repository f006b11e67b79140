#!/usr/bin/env bash
# The one command that installs everything and runs the whole test suite (README; .ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
