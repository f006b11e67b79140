#!/usr/bin/env bash
# Installs what the real-VS-Code E2E test needs, idempotently: Debian chromium (driven by playwright-core),
# the headers and ripgrep code-server's install needs, and code-server 4.100.3 (VS Code 1.100.3's
# workbench; newer ones need Node 24) in .cache/code-server, outside node_modules so `npm ci` keeps it.
# Prints the code-server binary's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
DIR="$PWD/.cache/code-server"
BIN="$DIR/node_modules/.bin/code-server"
# Even --version writes a default config under XDG_CONFIG_HOME: keep it out of the user's home.
export XDG_CONFIG_HOME="$DIR/xdg-config" XDG_DATA_HOME="$DIR/xdg-data"

# Debian packages, as "present-when:package": chromium for playwright-core, rg to seed @vscode/ripgrep,
# gssapi.h for the kerberos addon, and the compiler toolchain node-gyp needs for node-pty and argon2.
NEEDED=("cmd:chromium:chromium" "cmd:rg:ripgrep" "file:/usr/include/gssapi/gssapi.h:libkrb5-dev"
  "cmd:make:make" "cmd:g++:g++" "cmd:python3:python3")
missing=()
for entry in "${NEEDED[@]}"; do
  IFS=: read -r how what pkg <<<"$entry"
  if [ "$how" = cmd ]; then command -v "$what" >/dev/null 2>&1 && continue; else [ -f "$what" ] && continue; fi
  missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-code-server: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "$BIN"
  exit 0
fi

echo "install-code-server: installing code-server $VERSION into $DIR (a few minutes the first time)" >&2
# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable: seed its download cache
# with Debian's rg under the file name it looks for.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tmp=$(mktemp -d)
cp "$(command -v rg)" "$tmp/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
rm -rf "$tmp"
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"private":true}' >"$DIR/package.json"
# unsafe_perm: its postinstall refuses to run as root otherwise; yes: node-pty's postinstall runs `npx node-gyp`;
# allow scripts: its postinstall installs VS Code's own modules and builds native addons (npm 11 may block them).
(cd "$DIR" && npm_config_unsafe_perm=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true npm install --no-audit --no-fund --save-exact \
  "code-server@$VERSION" >&2)
"$BIN" --version >&2
echo "$BIN"
