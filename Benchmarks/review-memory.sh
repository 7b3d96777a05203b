#!/usr/bin/env bash
# review-memory.sh: peak resident memory of `jury review` with a 12-megapixel image on screen
# (issue "See what you judge", target < 80 MB).
#
# Makes a demo queue and an object root whose first moderation image (img-0001) is the 4000x3000
# JPEG that `jury-bench media` measures, and opens `jury review --flow moderation --graphics
# symbols` in tmux at 160x48 (truecolor, no tmux configuration). It opens the first task, waits
# until the picture's cells (quadrant blocks) are drawn, waits five seconds more and reads the
# process's VmHWM. The baseline, same binary and run: the same review with an empty object root,
# so the task shows the "is missing" placeholder instead.
#
# Usage:   Benchmarks/review-memory.sh JURY_BINARY JURY_BENCH_BINARY [RUNS]
#          RUNS (default 2) pairs of picture and placeholder runs.
# Output:  one line per run: "picture: N MB" or "placeholder: N MB".
set -euo pipefail
shopt -s inherit_errexit

[ $# -ge 2 ] || { echo "usage: review-memory.sh JURY_BINARY JURY_BENCH_BINARY [RUNS]" >&2; exit 64; }
jury=$(realpath "$1")
bench=$(realpath "$2")
runs=${3:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/jury-review-memory-XXXXXX")
socket="jury-review-memory-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$scratch"' EXIT

photos="$scratch/objects/ugc-uploads/2024/05"
mkdir -p "$photos" "$scratch/empty"
"$bench" media --fixtures "$repo/fixtures" --write-photo "$photos/img-0001.jpg"

# One review session with `root` as the object root; prints the peak RSS in MB.
measure() {
    local root=$1 expect=$2 queue="$scratch/queue"
    rm -rf "$queue"
    "$jury" demo --queue "$queue" --fixtures "$repo/fixtures/demo" < /dev/null > /dev/null
    local command
    printf -v command '%q ' exec env -u NO_COLOR TERM=xterm-256color COLORTERM=truecolor LC_ALL=C.UTF-8 TZ=UTC \
        "HOME=$scratch" "JURY_OBJECT_ROOT=$root" "$jury" review --queue "$queue" --reviewer alice --flow moderation \
        --graphics symbols
    tmux -L "$socket" -f /dev/null new-session -d -s t -x 160 -y 48 "$command"
    local pid
    pid=$(tmux -L "$socket" display-message -p -t t '#{pane_pid}')
    wait_for "img-0001-mountain-landscape"
    tmux -L "$socket" send-keys -t t Enter
    wait_for "$expect"
    sleep 5
    local peak
    peak=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    [ -n "$peak" ] || { echo "review-memory: jury review (pid $pid) is gone" >&2; exit 1; }
    echo "$peak"
    tmux -L "$socket" kill-server
}

# Waits up to 20 s until the screen contains $1.
wait_for() {
    for _ in $(seq 200); do
        tmux -L "$socket" capture-pane -p -t t | grep -q -- "$1" && return 0
        sleep 0.1
    done
    echo "review-memory: timed out waiting for $1" >&2
    tmux -L "$socket" capture-pane -p -t t >&2
    exit 1
}

for _ in $(seq "$runs"); do
    picture=$(measure "$scratch/objects" '▀')
    echo "picture: $picture MB"
    placeholder=$(measure "$scratch/empty" 'is missing')
    echo "placeholder: $placeholder MB"
done
