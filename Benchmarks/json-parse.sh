#!/usr/bin/env bash
# json-parse.sh: JuryCore's JSON reader and writer at two commits, on the same documents in one run.
#
# Builds the JSON reader and writer (Sources/JuryJSON, or JuryCore's JSON*.swift before they moved) of BASE and of HEAD into
# two small optimised programs (swiftc -O) that parse and encode the same generated documents, and
# prints MB/s for each beside the other. Documents: a Textract-like response (numbers and short
# strings in many small objects) and a text-heavy request (long strings with escapes), about 2 MB each.
# The two programs run in turn TRIALS times and the best figure of each is printed, so that load from
# other processes (which only ever slows a trial down) weighs on both alike.
#
# Usage:   [HEAD_COMMIT=work] Benchmarks/json-parse.sh [BASE [ROUNDS [TRIALS]]]   defaults: HEAD~1, 20 rounds, 7 trials.
#          HEAD_COMMIT=work measures the working tree's files in place of HEAD's.
set -euo pipefail

cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
rounds=${2:-20}
trials=${3:-7}
head=${HEAD_COMMIT:-HEAD}
head_label=$([ "$head" = work ] && echo work || git rev-parse --short "$head")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/jury-json-parse-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

cat > "$scratch/main.swift" <<'SWIFT'
import Foundation

func textract(_ blocks: Int) -> Data {
    var parts: [String] = []
    for index in 0..<blocks {
        parts.append(#"{"BlockType":"WORD","Id":"w\#(index)","Text":"word\#(index)","Confidence":\#(Double(index % 1000) / 10 + 0.123),"Geometry":{"BoundingBox":{"Width":0.0123,"Height":0.0456,"Left":\#(Double(index % 97) / 100),"Top":0.5}},"Page":1}"#)
    }
    return Data(#"{"Blocks":[\#(parts.joined(separator: ","))]}"#.utf8)
}

func text(_ paragraphs: Int) -> Data {
    let paragraph = #"A long answer with \"quotes\", a tab\there, Unicode é東😀 and a newline\n."#
    return Data(#"{"HumanLoopInput":{"InputContent":"\#(Array(repeating: paragraph, count: paragraphs).joined())"}}"#.utf8)
}

let rounds = Int(CommandLine.arguments[1])!
for (name, document) in [("textract", textract(11_000)), ("text", text(26_000))] {
    let value = try JSONValue.parse(document)
    var start = Date()
    for _ in 0..<rounds { _ = try JSONValue.parse(document) }
    let parse = Double(document.count * rounds) / Date().timeIntervalSince(start) / 1e6
    start = Date()
    for _ in 0..<rounds { _ = value.encoded() }
    let encode = Double(document.count * rounds) / Date().timeIntervalSince(start) / 1e6
    print(String(format: "%@ (%.1f MB): parse %.0f MB/s, encode %.0f MB/s", name, Double(document.count) / 1e6, parse, encode))
}
SWIFT

build() {  # build COMMIT NAME: the JSON files of COMMIT ("work" for the working tree)
    mkdir -p "$scratch/$2"
    if [ "$1" = work ]; then
        cp Sources/JuryJSON/*.swift "$scratch/$2/"
    else
        files=$(git ls-tree --name-only "$1" Sources/JuryJSON/ | grep -E '\.swift$' \
            || git ls-tree --name-only "$1" Sources/JuryCore/ | grep -E '/(JSONValue[^/]*|JSONNumber)\.swift$')
        for file in $files; do
            git show "$1:$file" > "$scratch/$2/$(basename "$file")"
        done
    fi
    swiftc -O -module-name JSONBench -o "$scratch/$2/bench" "$scratch/$2"/*.swift "$scratch/main.swift" 2>&1 \
        | grep -v warning || true
}
build "$base" base
build "$head" head
for _ in $(seq "$trials"); do
    "$scratch/base/bench" "$rounds" | sed "s/^/base $(git rev-parse --short "$base") /"
    "$scratch/head/bench" "$rounds" | sed "s/^/head $head_label /"
done > "$scratch/trials"
# Best of the trials per commit and document: "base abc1234 textract (1.8 MB): parse 31 MB/s, encode 14 MB/s".
awk '{ key = $1 " " $2 " " $3 " " $4 " " $5; parse = $7 + 0; encode = $10 + 0
       if (parse > best_parse[key]) best_parse[key] = parse; if (encode > best_encode[key]) best_encode[key] = encode
       if (!(key in seen)) { seen[key] = 1; order[++count] = key } }
     END { for (i = 1; i <= count; i++) printf "%s parse %d MB/s, encode %d MB/s (best of '"$trials"')\n", order[i], best_parse[order[i]], best_encode[order[i]] }' "$scratch/trials"
