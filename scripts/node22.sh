# Source this file (". scripts/node22.sh") to put Node 22 on PATH for the current shell when the
# machine's Node is older (Debian 12 ships Node 20). Node 22 comes from the npm registry as the
# `node` package, installed into .tools/ (git-ignored). Supported Electron majors need Node >= 22.12.
MAMORI_NODE_VERSION=22.23.3
_mamori_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
_mamori_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_mamori_major" -lt 22 ]; then
  if [ ! -x "$_mamori_root/.tools/node_modules/.bin/node" ] || \
     [ "$("$_mamori_root/.tools/node_modules/.bin/node" --version)" != "v$MAMORI_NODE_VERSION" ]; then
    npm install --prefix "$_mamori_root/.tools" --no-save --no-audit --no-fund "node@$MAMORI_NODE_VERSION" >&2
  fi
  export PATH="$_mamori_root/.tools/node_modules/.bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)" >&2
unset _mamori_root _mamori_major
