#!/usr/bin/env bash
# tui-xterm-screenshot.sh: run `sweet tui` in a sixel-capable xterm under Xvfb,
# open the graph pane on a small linked set of memories, focus it and select
# a node, and save a PNG screenshot: a visual end-to-end check of the sixel
# path (the graph must show as an image, not as blank cells). Set
# SWEET_TUI_LOG=file (and SWEET_LOG_LEVEL=debug) to keep the TUI's log.
# Usage: scripts/tui-xterm-screenshot.sh [out.png] [path/to/sweet]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${TMPDIR:-/tmp}/sweet-tui-xterm.png} # outside the repository: the PNG is not committed
bin=${2:-}
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
command -v xwd >/dev/null || need+=(x11-apps)
convert -version 2>/dev/null | grep -q ImageMagick || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
if ((${#need[@]})); then
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [[ -z "$bin" ]]; then
	bin="$work/sweet"
	(cd "$root" && go build -o "$bin" .)
fi

export SWEET_DATA_DIR="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
# A small linked neighbourhood to draw.
ids=()
for text in "Deploys go through the staging cluster first" "Staging restarts nightly at 3am" \
	"The CI pipeline runs the TUI smoke test in tmux" "Postgres backups are taken before each deploy" \
	"Rollbacks use the previous container image"; do
	ids+=("$("$bin" memory add --namespace shot --json "$text" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)")
done
"$bin" memory link --type related_to "${ids[0]}" "${ids[1]}" >/dev/null 2>&1
"$bin" memory link --type causes "${ids[0]}" "${ids[3]}" >/dev/null 2>&1
"$bin" memory link --type part_of "${ids[4]}" "${ids[0]}" >/dev/null 2>&1
"$bin" memory link --type related_to "${ids[2]}" "${ids[0]}" >/dev/null 2>&1

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY=$display xterm -ti vt340 -xrm 'XTerm*numColorRegisters: 256' -geometry 120x34+0+0 \
	-fa Monospace -fs 9 -e env SHELL=/bin/sh "$bin" tui --namespace shot --log-file "${SWEET_TUI_LOG:-$work/state/sweet.log}" &
pids+=($!)
sleep 4
# Memories is focused; open the oldest memory (the hub) so the graph centres on it.
DISPLAY=$display xdotool type --delay 80 "G"
sleep 0.5
DISPLAY=$display xdotool key Return
sleep 1.5
# Focus the graph (both slots' borders change colour, so the renderer
# rewrites the rows through the image, which must be drawn again) and select
# another node (a new image in the same place).
DISPLAY=$display xdotool key Tab
sleep 0.5
DISPLAY=$display xdotool key Right
sleep 2
DISPLAY=$display xwd -root -silent | convert xwd:- "$out"
echo "tui-xterm-screenshot: wrote $out"
