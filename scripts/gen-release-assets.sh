#!/bin/sh
# Writes the shell completions and the man page into build/ for release
# archives and packages (goreleaser's before hook runs it). They are generated
# from the app itself, so they always match the binary being released.
set -eu
cd "$(dirname "$0")/.."
rm -rf build/completions build/man
mkdir -p build/completions build/man
go build -o build/sweet-gen .
for sh in bash zsh fish; do
  ./build/sweet-gen completion "$sh" >"build/completions/sweet.$sh"
done
./build/sweet-gen completion powershell >build/completions/sweet.ps1
./build/sweet-gen man | gzip -n -9 >build/man/sweet.1.gz
rm -f build/sweet-gen
