#!/usr/bin/env bash
# tui-smoke.sh: drive `sweet tui` in a real terminal (tmux) and check what it
# shows: add a memory, find it with search, quit, and check the terminal was
# restored. Needs tmux. Usage: scripts/tui-smoke.sh [path/to/sweet]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
session="sweet-smoke-$$"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

command -v tmux >/dev/null || { echo "tui-smoke: tmux is not installed" >&2; exit 2; }

bin=${1:-}
if [[ -z "$bin" ]]; then
	bin="$work/sweet"
	(cd "$root" && go build -o "$bin" .)
fi

# wait_for TEXT: poll the pane until it shows TEXT (10 s at most).
wait_for() {
	for _ in $(seq 100); do
		if tmux capture-pane -p -t "$session" | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	echo "tui-smoke: the screen never showed '$1'; it shows:" >&2
	tmux capture-pane -p -t "$session" >&2
	exit 1
}

# A shell in the pane runs sweet, records its exit status (tmux 3.3 does not
# always reap a pane's process, and then never reports a status), and keeps
# the pane open so the screen sweet leaves behind can be checked.
tmux new-session -d -s "$session" -x 120 -y 32 \
	env SWEET_DATA_DIR="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" \
	SHELL=/bin/sh TERM=xterm-256color \
	sh -c '"$0" tui --namespace smoke; echo $? >"$1.tmp"; mv "$1.tmp" "$1"; exec sleep 600' "$bin" "$work/status"

wait_for "1 Memories"
wait_for "No memories here"

# Add a memory through the inline form.
tmux send-keys -t "$session" a
wait_for "New memory"
tmux send-keys -t "$session" -l "The smoke test checks the tui in tmux"
tmux send-keys -t "$session" Tab
tmux send-keys -t "$session" -l "fact"
tmux send-keys -t "$session" C-s
wait_for "created"
wait_for "smoke test checks"

# Search for it.
tmux send-keys -t "$session" 2
wait_for "2 Search"
tmux send-keys -t "$session" -l "smoke"
wait_for "score"
wait_for "lexical"

# Leave typing, quit.
tmux send-keys -t "$session" Escape
sleep 0.3 # ESC followed at once by q reads as alt+q
tmux send-keys -t "$session" q
for _ in $(seq 100); do
	[[ -s "$work/status" ]] && break # -s: the shell creates the file before it writes the status
	sleep 0.1
done
if [[ ! -s "$work/status" ]]; then
	echo "tui-smoke: sweet tui did not quit on q" >&2
	tmux capture-pane -p -t "$session" >&2
	exit 1
fi
status=$(cat "$work/status")
if [[ "$status" != 0 ]]; then
	echo "tui-smoke: sweet tui exited with status $status" >&2
	tmux capture-pane -p -t "$session" >&2
	exit 1
fi
# The alternate screen is gone: the TUI's frame is no longer on screen.
if tmux capture-pane -p -t "$session" | grep -qF "1 Memories"; then
	echo "tui-smoke: the TUI's screen is still shown after quitting (terminal not restored)" >&2
	exit 1
fi
# The memory is really in the database.
SWEET_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" "$bin" memory list --namespace smoke | grep -qF "smoke test checks" || {
	echo "tui-smoke: the memory added in the TUI is not in the database" >&2
	exit 1
}
echo "tui-smoke: ok"
