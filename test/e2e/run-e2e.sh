#!/usr/bin/env bash
# The real-VS-Code E2E: packs the extension, installs code-server (once) and the .vsix into a throw-away
# profile, opens a temp workspace holding the sample investigation and the hostile-strings notebook,
# runs the mocha suite in code-server's extension host, then drives the UI with Debian chromium through
# playwright-core. Screenshots land in test-artifacts/. Exit 0 only when both parts pass.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CS=$(bash scripts/install-code-server.sh | tail -1) || exit 1
bash scripts/package-extension.sh >/dev/null || exit 1
STATE=$(mktemp -d /tmp/slips-e2e.XXXX)
WS=$STATE/workspace
mkdir -p "$WS" "$ROOT/test-artifacts" "$STATE/ud/User"
cp samples/investigation.slipsnb samples/test4-malicious.binetflow "$WS/"
cp -r test/e2e/fixtures/hostile-zeek test/e2e/fixtures/hostile.slipsnb "$WS/"
export XDG_CONFIG_HOME=$STATE/xdg-config XDG_DATA_HOME=$STATE/xdg-data
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo '{"workbench.startupEditor":"none","telemetry.telemetryLevel":"off","update.mode":"none","extensions.autoCheckUpdates":false,"extensions.autoUpdate":false,"workbench.enableExperiments":false,"security.workspace.trust.enabled":false,"notebook.confirmDeleteRunningCell":false}' >"$STATE/ud/User/settings.json"
"$CS" --user-data-dir "$STATE/ud" --extensions-dir "$STATE/exts" --install-extension dist/slips-notebooks.vsix >/dev/null || exit 1
setsid "$CS" --auth none --bind-addr 127.0.0.1:$PORT --config /dev/null --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$STATE/ud" --extensions-dir "$STATE/exts" "$WS" >"$STATE/server.log" 2>&1 &
CSPID=$!
# code-server's own process group: killing only its parent would leave its file watcher behind.
trap 'kill -- -$CSPID 2>/dev/null; sleep 1; kill -9 -- -$CSPID 2>/dev/null; rm -rf "$STATE"' EXIT
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.2
done
node test/e2e/apiTests.mjs "$PORT" "$WS" "$ROOT/extension" "$ROOT/extension/dist/test"
rc1=$?
node test/e2e/uiTest.mjs "$PORT" "$WS" "$ROOT/test-artifacts"
rc2=$?
echo "e2e: extension-host suite rc=$rc1, UI test rc=$rc2"
exit $((rc1 || rc2))
