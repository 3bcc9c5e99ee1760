#!/usr/bin/env bash
# Installs the Debian packages some tests use, when they are missing:
#   tmux          the TUI smoke test drives `sweet tui` in tmux
#   wordnet-base  the built-in embedder's generator is checked to reproduce its data
# Tests that need them skip with a message when they are absent, so this is
# optional on a developer machine; CI runs it. Needs root (or sudo) and apt-get.
set -euo pipefail
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -f /usr/share/wordnet/data.noun ] || need+=(wordnet-base)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: apt-get not found; install ${need[*]} yourself to run every test" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
