#!/usr/bin/env bash
# `npm run package`: builds every bundle and makes the installable VS Code extension,
# dist/slips-notebooks.vsix. The extension folder holds everything it needs (its bundles include the
# kernel process and the renderers), so vsce packs no node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
# SLIPS_PREBUILT=1: the caller (the E2E under `npm test`) has just built, and rebuilding dist/ while other
# tests run the bundles could hand them a half-written file.
[ "${SLIPS_PREBUILT:-}" = 1 ] || node build.mjs
mkdir -p dist
(cd extension && ../node_modules/.bin/vsce package --no-dependencies --out ../dist/slips-notebooks.vsix)
