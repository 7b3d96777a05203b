#!/usr/bin/env bash
# ingest-memory.sh: peak memory of `jury ingest` on an inbox of large requests (issue 10, "Memory").
#
# Makes a demo queue with the tickets flow and FILES inbox files, each holding about MIB MiB of
# InputContent (a long text plus a token array of small objects, so the parsed tree is large too),
# then runs `/usr/bin/time -v jury ingest` once for each binary given and prints its maximum resident
# set size and wall time, beside the same binary's ingest of an empty inbox (its floor). Give the
# binary of the commit before a change and after it to compare them on the same inbox in the same
# run. A small MIB (0.0002: requests of about 200 bytes) measures an inbox of many small files.
#
# Usage:   Benchmarks/ingest-memory.sh [FILES [MIB]] -- JURY_BINARY...
#          FILES defaults to 300, MIB to 2.
# Output:  one line per binary: "BINARY: max RSS N MB, wall S s, <jury ingest's summary line>".
set -euo pipefail

files=${1:-300}
mib=${2:-2}
shift 2 || true
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "ingest-memory: name at least one jury binary after --" >&2; exit 64; }
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/jury-ingest-memory-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

python3 - "$scratch/requests" "$files" "$mib" <<'PY'
import json, os, sys
folder, files, mib = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
os.makedirs(folder)
target = int(mib * 1024 * 1024)
tokens = [{"t": "word%d" % i, "p": round((i % 997) / 997, 4)} for i in range(target // 64)]
for n in range(files):
    content = {"text": "x" * (target // 2), "tokens": tokens, "prediction": {"label": "billing", "confidence": 0.5}}
    request = {"HumanLoopName": "big-%05d" % n, "FlowDefinitionName": "tickets",
               "HumanLoopInput": {"InputContent": json.dumps(content)}}
    with open(os.path.join(folder, "big-%05d.json" % n), "w") as file:
        json.dump(request, file)
PY
echo "inbox: $files files, $(du -sm "$scratch/requests" | cut -f1) MB"
for binary in "$@"; do
    queue="$scratch/queue"
    rm -rf "$queue"
    "$binary" init --demo --queue "$queue" > /dev/null
    cp "$repo/fixtures/demo/flows/tickets.json" "$queue/flows/"
    /usr/bin/time -v "$binary" ingest --queue "$queue" > /dev/null 2> "$scratch/time"
    echo "$binary: empty inbox, max RSS $(awk -F: '/Maximum resident set size/ {print int($2 / 1024)}' "$scratch/time") MB"
    cp -r "$scratch/requests/." "$queue/inbox/"
    env ${JURY_MALLOC_ENV:-} /usr/bin/time -v "$binary" ingest --queue "$queue" > "$scratch/out" 2> "$scratch/time"
    rss=$(awk -F: '/Maximum resident set size/ {print int($2 / 1024)}' "$scratch/time")
    wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$scratch/time")
    echo "$binary: max RSS $rss MB, wall $wall, $(head -1 "$scratch/out")"
done
