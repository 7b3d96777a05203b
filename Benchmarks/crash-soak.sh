#!/usr/bin/env bash
# crash-soak.sh: the long crash soak of issue 2 ("Tests and figures: Crashes"). Not run in CI.
#
# What it runs: Tests/JuryCLITests/CrashTests.swift, the same SIGKILL trials `swift test` runs (60 of them),
# but 1,000 by default. Each trial makes a fresh demo queue, starts a `jury` process and kills it with
# SIGKILL after a random delay (drawn from a seeded generator, uniformly over 0-90 % of the process's
# measured uninterrupted running time), runs recovery (`jury ingest`, which also writes pending outputs) and
# checks the invariants: PRAGMA integrity_check and foreign_key_check clean; every "verdict stored" line the
# killed process printed is in the ledger; no (loop, reviewer) twice; verdicts <= TaskCount; loop counters
# equal to the rows; every Completed loop has exactly one complete output.json with one humanAnswer per
# verdict; the inbox drained; rejected/ holding each malformed file once with its reason. The trials are
# split evenly over three phases:
#   ingest  - `jury ingest` of 300 requests and 3 malformed files;
#   answer  - `jury answer --next` (reviewer r1) on 60 fresh loops while r2 answers the same loops;
#   output  - `jury answer --next` by the third reviewer on 60 loops holding 2 verdicts each, so that every
#             verdict completes a loop and writes its output.json.
# Answer and output trials then finish the work (the killed reviewer resumes its claim, a third reviewer
# answers) and check that every loop ends Completed with its output.
#
# Usage:   Benchmarks/crash-soak.sh [TRIALS [SEED]]
#          TRIALS defaults to $JURY_CRASH_TRIALS or 1000; SEED to $JURY_CRASH_SEED or a random one (printed).
# Env:     JURY_SOAK_SCRATCH  SwiftPM scratch path (default .build-soak, so other builds are left alone)
#          JURY_KEEP_QUEUES=1 keep every trial's queue folder (failing trials keep theirs anyway)
# Output:  the test log goes to the terminal and to $JURY_SOAK_SCRATCH/crash-soak-SEED.log; the summary
#          lines "CrashTests[PHASE]: ..." say how many kills landed mid-run, where they landed (before the
#          first inbox removal, half-way through ingest, holding a claim, between a verdict's commit and
#          its output, inside the output write...) and which dot-named temporary files recovery left behind.
#          A failing trial prints its phase, trial number, seed, delay and the kept queue folder
#          ($TMPDIR/jury-cli-tests/crash-PHASE-XXXXXX); rerun with the same SEED to replay the same delays
#          (the kills still land wherever the scheduler puts them, so a replay is likely, not certain).
# Time:    about 2.2 s per trial in a debug build on 2 cores (60 trials: ~135 s), so ~40 min for 1,000.
# Exit:    0 when every trial held every invariant, non-zero otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
trials=${1:-${JURY_CRASH_TRIALS:-1000}}
seed=${2:-${JURY_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}}
scratch=${JURY_SOAK_SCRATCH:-.build-soak}

case $trials in ''|*[!0-9]*) echo "crash-soak: TRIALS must be a number, not '$trials'" >&2; exit 64 ;; esac
case $seed in ''|*[!0-9]*) echo "crash-soak: SEED must be a number, not '$seed'" >&2; exit 64 ;; esac

echo "crash-soak: $trials trials, JURY_CRASH_SEED=$seed, scratch path $scratch"
swift build --scratch-path "$scratch" --build-tests
mkdir -p "$scratch"
log="$scratch/crash-soak-$seed.log"
started=$(date +%s)
status=0
JURY_CRASH_TRIALS=$trials JURY_CRASH_SEED=$seed \
    swift test --scratch-path "$scratch" --skip-build --filter 'CrashTests' 2>&1 | tee "$log" || status=$?
echo "crash-soak: $trials trials with seed $seed finished in $(( $(date +%s) - started )) s with status $status; log in $log"
exit "$status"
