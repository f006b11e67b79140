#!/usr/bin/env bash
# The real-VS-Code E2E: packs the extension, installs code-server (once) and the .vsix into a throw-away
# profile, opens a temp workspace holding the E2E notebooks (test/e2e/workspace.mjs), runs the mocha suite
# in code-server's extension host, then drives the UI with Debian chromium through playwright-core.
# Screenshots land in test-artifacts/, and on failure the workbench, extension host and kernel logs too.
# Exit 0 only when both parts pass.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CS=$(bash scripts/install-code-server.sh | tail -1) || exit 1
bash scripts/package-extension.sh >/dev/null || exit 1
STATE=$(mktemp -d /tmp/slips-e2e.XXXX)
ARTIFACTS=$ROOT/test-artifacts
WS=$(node test/e2e/workspace.mjs "$STATE/workspace") || exit 1
mkdir -p "$ARTIFACTS" "$STATE/ud/User"
rm -rf "$ARTIFACTS/e2e-logs" "$ARTIFACTS"/e2e-*.png
export XDG_CONFIG_HOME=$STATE/xdg-config XDG_DATA_HOME=$STATE/xdg-data
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo '{"workbench.startupEditor":"none","telemetry.telemetryLevel":"off","update.mode":"none","extensions.autoCheckUpdates":false,"extensions.autoUpdate":false,"workbench.enableExperiments":false,"security.workspace.trust.enabled":false,"notebook.confirmDeleteRunningCell":false,"workbench.tips.enabled":false}' >"$STATE/ud/User/settings.json"
"$CS" --user-data-dir "$STATE/ud" --extensions-dir "$STATE/exts" --install-extension dist/slips-notebooks.vsix >/dev/null || exit 1
setsid "$CS" --auth none --bind-addr 127.0.0.1:$PORT --config /dev/null --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$STATE/ud" --extensions-dir "$STATE/exts" "$WS" >"$STATE/server.log" 2>&1 &
CSPID=$!
# code-server's own process group: killing only its parent would leave its file watcher behind.
trap 'kill -- -$CSPID 2>/dev/null; sleep 1; kill -9 -- -$CSPID 2>/dev/null; rm -rf "$STATE"' EXIT
up=0
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && { up=1; break; }
  sleep 0.2
done
[ "$up" = 1 ] || { echo "e2e: code-server did not answer on port $PORT" >&2; cat "$STATE/server.log" >&2; exit 1; }
node test/e2e/apiTests.mjs "$PORT" "$WS" "$ROOT/extension" "$ROOT/extension/dist/test"
rc1=$?
node test/e2e/uiTest.mjs "$PORT" "$WS" "$ARTIFACTS"
rc2=$?
echo "e2e: extension-host suite rc=$rc1, UI test rc=$rc2"
if [ $((rc1 || rc2)) -ne 0 ]; then
  # The extension host log and the "Slips kernel" output channel (the kernel's stderr) explain most failures.
  mkdir -p "$ARTIFACTS/e2e-logs"
  cp -r "$STATE/ud/logs/." "$ARTIFACTS/e2e-logs/" 2>/dev/null
  cp "$STATE/server.log" "$ARTIFACTS/e2e-logs/" 2>/dev/null
  echo "e2e: logs in $ARTIFACTS/e2e-logs" >&2
fi
exit $((rc1 || rc2))
