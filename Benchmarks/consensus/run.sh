#!/usr/bin/env bash
# Jury consensus vs Crowd-Kit 1.4.2 and the EBCC authors' code: accuracy on the shared datasets
# and the 17 datasets of the EBCC paper, and speed on 1M answers.
#
#   Benchmarks/consensus/run.sh [accuracy|speed|all]
#
# Environment:
#   VENV      virtualenv with crowd-kit==1.4.2 'scikit-learn<1.6'  (default: <repo>/.venv-crowdkit)
#   DATASETS  folder with duck/ product/ dog/                       (default: <repo>/../shared/datasets)
#   WORK      scratch folder for the build and the synthetic data  (default: a new temp folder)
#   REPEATS   speed runs per tool; the fastest is reported          (default: 3)
#   AUTHORS   checkout of github.com/yuan-li/truth-inference-at-scale (MIT licence); when set,
#             accuracy also covers its 17 datasets and runs its EBCC and IBCC (needs numpy,
#             scipy in VENV)                                        (default: unset)
#   STARTS    ebcc starts, for Jury and the authors' EBCC alike      (default: 40; speed: 10)
#   CROWDKIT  0 to skip Crowd-Kit (its figures do not depend on Jury's code) (default: 1)
#   SEED      seed of Jury's ebcc starts; the authors' EBCC is run from the very same starts
#             (authors_eval.py --jury-starts)                       (default: 1234)
#
# The Swift side is built in WORK from a throwaway package whose targets are symlinks to
# Sources/JuryJSON, Sources/JuryConsensus and Benchmarks/consensus/consensus-eval, so nothing is built in the repo.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mode=${1:-all}
VENV=${VENV:-$repo/.venv-crowdkit}
DATASETS=${DATASETS:-$repo/../shared/datasets}
WORK=${WORK:-$(mktemp -d)}
REPEATS=${REPEATS:-3}
python=$VENV/bin/python

build() {
  mkdir -p "$WORK/pkg/Sources"
  ln -sfn "$repo/Sources/JuryJSON" "$WORK/pkg/Sources/JuryJSON"
  ln -sfn "$repo/Sources/JuryConsensus" "$WORK/pkg/Sources/JuryConsensus"
  ln -sfn "$here/consensus-eval" "$WORK/pkg/Sources/consensus-eval"
  cat > "$WORK/pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "ConsensusBench",
    targets: [
        .target(name: "JuryJSON"),
        .target(name: "JuryConsensus", dependencies: ["JuryJSON"]),
        .executableTarget(name: "consensus-eval", dependencies: ["JuryConsensus"]),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT
  (cd "$WORK/pkg" && swift build -j 1 -c release >&2)
  eval_bin="$WORK/pkg/.build/release/consensus-eval"
}

# One dataset through every tool: evaluate NAME FOLDER (FOLDER holds answers.csv and gold.csv).
evaluate() {
  STARTS=${STARTS:-40} SEED=${SEED:-1234} "$eval_bin" eval "$1" "$2/answers.csv" "$2/gold.csv"
  if [ "${CROWDKIT:-1}" != 0 ]; then
    "$python" "$here/crowdkit_eval.py" "$1" "$2/answers.csv" "$2/gold.csv" ||
      echo "crowdkit_eval.py failed on $1; its remaining methods were skipped" >&2
  fi
  if [ -n "${AUTHORS:-}" ]; then
    AUTHORS_CODE="$AUTHORS/code" "$python" "$here/authors_eval.py" "$1" "$2/answers.csv" "$2/gold.csv" \
      --starts "${STARTS:-40}" --jury-starts "${SEED:-1234}"
  fi
}

accuracy() {
  for d in duck product dog; do evaluate "shared/$d" "$DATASETS/$d"; done
  [ -n "${AUTHORS:-}" ] || return 0
  "$python" "$here/authors_datasets.py" "$AUTHORS/data" "$WORK/authors-data" | while read -r d; do
    evaluate "$d" "$WORK/authors-data/$d"
  done
}

speed() {
  "$eval_bin" synth "$WORK/synth" 100000 10 4 500 20240601
  for _ in $(seq "$REPEATS"); do
    STARTS=${STARTS:-10} "$eval_bin" eval synthetic "$WORK/synth/answers.csv" "$WORK/synth/gold.csv" mv,ds,ibcc,ebcc
    [ "${CROWDKIT:-1}" = 0 ] ||
      "$python" "$here/crowdkit_eval.py" synthetic "$WORK/synth/answers.csv" "$WORK/synth/gold.csv" --methods mv,ds
  done
}

echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
build
case $mode in
  accuracy) accuracy ;;
  speed) speed ;;
  all) accuracy; speed ;;
  *) echo "usage: $0 [accuracy|speed|all]" >&2; exit 2 ;;
esac | tee "$WORK/results.tsv"
# The summary needs only the standard library: without the virtualenv (CROWDKIT=0), any python3 does.
summarizer=$python
[ -x "$summarizer" ] || summarizer=python3
"$summarizer" "$here/summarize.py" "$WORK/results.tsv"
