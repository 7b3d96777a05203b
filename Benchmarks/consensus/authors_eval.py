#!/usr/bin/env python3
"""Run the authors' EBCC and IBCC (github.com/yuan-li/truth-inference-at-scale, MIT licence).

Installs and copies nothing: AUTHORS_CODE names that repository's `code/` folder, whose
`ebcc.py` and `ibcc.py` are imported as they are (needs numpy and scipy).

Usage:
    authors_eval.py NAME ANSWERS.csv GOLD.csv [--starts 40] [--seed 0] [--jury-starts SEED]
                    [--methods ebcc,ibcc]

Prints one tab-separated line per method, like crowdkit_eval.py:
    authors <TAB> NAME <TAB> method <TAB> accuracy <TAB> seconds
EBCC runs `--starts` seeded starts (seeds drawn from numpy's RandomState(--seed)) with the
authors' benchmark settings (10 subtypes, empirical prior) and keeps the highest ELBO, as
their notebook does. With `--jury-starts SEED` the starts are instead the ones Jury's `ebcc`
draws for that seed (SplitMix64, a Dirichlet split per item and class, tied classes sharing
one), so both codes start from the same points and any difference comes from the fitting itself.
Accuracy is the notebook's: a tie at the top scores its share. The detail column gives the
kept start's number, the rounds it ran and its ELBO.
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
    """Integer tuples (item, worker, label), the item and label codes, and the data frame."""
    df = pd.read_csv(answers, dtype=str).drop_duplicates(keep="first")
    items, item_codes = np.unique(df["task"], return_inverse=True)
    _, worker_codes = np.unique(df["worker"], return_inverse=True)
    labels, label_codes = np.unique(df["label"], return_inverse=True)
    return np.stack([item_codes, worker_codes, label_codes], axis=1), items, labels, df


GAMMA = np.uint64(0x9E3779B97F4A7C15)


def splitmix64(seed, count):
    """The first `count` outputs of SplitMix64 seeded with `seed` (Jury's SplitMix64)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + GAMMA * np.arange(1, count + 1, dtype=np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def jury_split(df, items, labels, start_seed, groups=10):
    """The Dirichlet split of Jury's ebcc start with seed `start_seed`: one draw over the groups per
    item and class in Jury's order (items and labels by first appearance), a class whose vote
    count equals an earlier class's of the same item reusing its draw; as items x classes x
    groups in this script's numbering."""
    tasks_in_order, labels_in_order = pd.unique(df["task"]), pd.unique(df["label"])
    counts = pd.crosstab(df["task"], df["label"]).reindex(index=tasks_in_order, columns=labels_in_order).to_numpy()
    classes = len(labels_in_order)
    fresh = np.ones(counts.shape, dtype=bool)
    for c in range(1, classes):
        fresh[:, c] = ~(counts[:, :c] == counts[:, [c]]).any(axis=1)
    uniform = ((splitmix64(start_seed, int(fresh.sum()) * groups) >> np.uint64(11)) + np.uint64(1)) * 2.0 ** -53
    draws = -np.log(uniform).reshape(-1, groups)
    draws /= draws.sum(axis=-1, keepdims=True)
    draw = np.empty(counts.shape + (groups,))
    draw[fresh] = draws
    for c in range(1, classes):
        for t in np.nonzero(~fresh[:, c])[0]:
            draw[t, c] = draw[t, np.nonzero(counts[t, :c] == counts[t, c])[0][0]]
    split = np.empty((len(items), len(labels), groups))
    split[np.ix_(np.searchsorted(items, tasks_in_order), np.searchsorted(labels, labels_in_order))] = draw
    return split


def fixed_start(tuples, split):
    """The authors' EBCC with its Dirichlet draw replaced by `split`."""
    original = np.random.dirichlet
    np.random.dirichlet = lambda alpha, size: split.copy()
    try:
        return ebcc_vb(tuples, num_groups=10, empirical_prior=True)
    finally:
        np.random.dirichlet = original


def accuracy(posterior, items, labels, gold):
    row = {item: i for i, item in enumerate(items)}
    column = {label: c for c, label in enumerate(labels)}
    top = posterior == posterior.max(axis=1, keepdims=True)
    score = top / top.sum(axis=1, keepdims=True)
    return sum(score[row[t], column[l]] for t, l in gold.items() if t in row and l in column) / len(gold)


class RoundCounter:
    """Counts the authors' rounds: their loop calls np.allclose once per round."""

    def __init__(self):
        self.rounds, self.original = 0, np.allclose

    def __call__(self, *args, **kwargs):
        self.rounds += 1
        return self.original(*args, **kwargs)


def best_ebcc(run_starts):
    """The posterior of the start with the highest ELBO (the first among equals) and a detail."""
    counter = RoundCounter()
    np.allclose = counter
    fits = []
    try:
        for run in run_starts:
            counter.rounds = 0
            posterior, elbo = run()
            fits.append((posterior, elbo, counter.rounds))
    finally:
        np.allclose = counter.original
    best = max(range(len(fits)), key=lambda i: (fits[i][1], -i))
    return fits[best][0], f"start={best} iterations={fits[best][2]} elbo={fits[best][1]:.6f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("answers")
    parser.add_argument("gold")
    parser.add_argument("--starts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jury-starts", type=int, default=None, metavar="SEED")
    parser.add_argument("--methods", default="ebcc,ibcc")
    args = parser.parse_args()
    tuples, items, labels, df = encode(args.answers)
    gold = pd.read_csv(args.gold, dtype=str).set_index("task")["label"].to_dict()
    if args.jury_starts is None:
        seeds = np.random.RandomState(args.seed).randint(1e8, size=args.starts)
        starts = [lambda s=int(s): ebcc_vb(tuples, num_groups=10, seed=s, empirical_prior=True) for s in seeds]
    else:
        starts = [lambda s=int(s): fixed_start(tuples, jury_split(df, items, labels, s))
                  for s in splitmix64(args.jury_starts, args.starts)]
    run = {"ebcc": lambda: best_ebcc(starts), "ibcc": lambda: (ibcc(tuples), "")}
    for method in args.methods.split(","):
        start = time.perf_counter()
        posterior, detail = run[method]()
        seconds = time.perf_counter() - start
        print(f"authors\t{args.name}\t{method}\t{accuracy(posterior, items, labels, gold):.6f}\t{seconds:.4f}\t{detail}",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
