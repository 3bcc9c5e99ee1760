#!/usr/bin/env bash
# Runs sweet's whole test suite, as CI does. It installs what the tests need
# first, so a fresh machine with Go, gcc, git and node/npm is enough.
set -euo pipefail
cd "$(dirname "$0")/.."

# The MCP end-to-end tests and benchmarks run the official TypeScript client,
# the MCP Inspector and server-memory; install those exact versions once into
# an ignored folder (engine/mcpserver finds them there, or via MCP_NPM_DIR).
if command -v npm >/dev/null 2>&1; then
	npm_pkgs=(@modelcontextprotocol/sdk@1.32.2 @modelcontextprotocol/inspector@2.12.0 @modelcontextprotocol/server-memory@2026.8.31)
	if [ ! -d .ci/npm/node_modules/@modelcontextprotocol/server-memory ]; then
		npm install --no-audit --no-fund --prefix .ci/npm "${npm_pkgs[@]}"
	fi
	export MCP_NPM_DIR="$PWD/.ci/npm"
fi

# The race detector needs cgo; everything else in sweet is pure Go.
export CGO_ENABLED=1
go test -race -count=1 -timeout 30m ./...
