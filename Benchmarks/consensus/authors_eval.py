#!/usr/bin/env python3
"""Run the authors' EBCC and IBCC (github.com/yuan-li/truth-inference-at-scale, MIT licence).

Installs and copies nothing: AUTHORS_CODE names that repository's `code/` folder, whose
`ebcc.py` and `ibcc.py` are imported as they are (needs numpy and scipy).

Usage:
    authors_eval.py NAME ANSWERS.csv GOLD.csv [--starts 40] [--seed 0] [--methods ebcc,ibcc]

Prints one tab-separated line per method, like crowdkit_eval.py:
    authors <TAB> NAME <TAB> method <TAB> accuracy <TAB> seconds
EBCC runs `--starts` seeded starts (seeds drawn from numpy's RandomState(--seed)) with the
authors' benchmark settings (10 subtypes, empirical prior) and keeps the highest ELBO, as
their notebook does. Accuracy is the notebook's: a tie at the top scores its share.
Timing covers the fit only (the CSV is read and encoded before the clock starts).
"""
import argparse
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.environ["AUTHORS_CODE"])
from ebcc import ebcc_vb  # noqa: E402
from ibcc import ibcc  # noqa: E402


def encode(answers):
    """Integer tuples (item, worker, label) and the item and label codes."""
    df = pd.read_csv(answers, dtype=str).drop_duplicates(keep="first")
    items, item_codes = np.unique(df["task"], return_inverse=True)
    _, worker_codes = np.unique(df["worker"], return_inverse=True)
    labels, label_codes = np.unique(df["label"], return_inverse=True)
    return np.stack([item_codes, worker_codes, label_codes], axis=1), items, labels


def accuracy(posterior, items, labels, gold):
    row = {item: i for i, item in enumerate(items)}
    column = {label: c for c, label in enumerate(labels)}
    top = posterior == posterior.max(axis=1, keepdims=True)
    score = top / top.sum(axis=1, keepdims=True)
    return sum(score[row[t], column[l]] for t, l in gold.items() if t in row and l in column) / len(gold)


def best_ebcc(tuples, starts, seed):
    seeds = np.random.RandomState(seed).randint(1e8, size=starts)
    fits = [ebcc_vb(tuples, num_groups=10, seed=int(s), empirical_prior=True) for s in seeds]
    return max(fits, key=lambda fit: fit[1])[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("answers")
    parser.add_argument("gold")
    parser.add_argument("--starts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", default="ebcc,ibcc")
    args = parser.parse_args()
    tuples, items, labels = encode(args.answers)
    gold = pd.read_csv(args.gold, dtype=str).set_index("task")["label"].to_dict()
    run = {"ebcc": lambda: best_ebcc(tuples, args.starts, args.seed), "ibcc": lambda: ibcc(tuples)}
    for method in args.methods.split(","):
        start = time.perf_counter()
        posterior = run[method]()
        seconds = time.perf_counter() - start
        print(f"authors\t{args.name}\t{method}\t{accuracy(posterior, items, labels, gold):.6f}\t{seconds:.4f}",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
