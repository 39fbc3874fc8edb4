#!/usr/bin/env bash
# Builds the page and serves web-demo/ on http://127.0.0.1:PORT/ (default 8080).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-8080}"
"$here/build.sh"
echo "serving http://127.0.0.1:$port/ (Ctrl+C stops)" >&2
cd "$here"
exec python3 - "$port" <<'PY'
import http.server, sys
handler = http.server.SimpleHTTPRequestHandler
handler.extensions_map[".wasm"] = "application/wasm"
handler.extensions_map[".js"] = "text/javascript"
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
