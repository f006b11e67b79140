#!/usr/bin/env bash
# Installs what the engine and its tests need on a fresh Debian machine with Node 20, idempotently:
# Debian tools (only those missing), the npm packages from the lock file, and code-server for the E2E.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use, as "command:package".
NEEDED=("nfdump:nfdump" "nfpcapd:nfdump" "tcpdump:tcpdump" "nmap:nmap" "hping3:hping3" "ip:iproute2" "redis-server:redis-server" "tmux:tmux" "nft:nftables" "iptables:iptables")
missing=()
for pair in "${NEEDED[@]}"; do
  pkg="${pair##*:}"
  command -v "${pair%%:*}" >/dev/null 2>&1 || [[ " ${missing[*]:-} " == *" $pkg "* ]] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# CI always installs from the lock file; a developer's up-to-date node_modules is only rebuilt.
if [ -n "${CI:-}" ] || [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm run build --silent
fi

# The real-VS-Code E2E (test/e2e/vscode.test.ts) needs code-server and Debian chromium: installed once
# into .cache/code-server (later runs only check it, offline).
bash scripts/install-code-server.sh >/dev/null
