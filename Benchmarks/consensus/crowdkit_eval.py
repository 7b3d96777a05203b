#!/usr/bin/env python3
"""Run Crowd-Kit 1.4.2's classification aggregators on Crowd-Kit CSV files.

Installs nothing. Expects a virtual environment with
    pip install crowd-kit==1.4.2 'scikit-learn<1.6'

Usage:
    crowdkit_eval.py NAME ANSWERS.csv GOLD.csv [--methods mv,ds,...]

Prints one tab-separated line per method:
    crowdkit <TAB> NAME <TAB> method <TAB> accuracy <TAB> seconds
Timing covers the aggregation call only (the CSV is read before the clock starts),
the same span the Swift evaluator times.
"""
import argparse
import math
import sys
import time
import warnings

import pandas as pd
from crowdkit.aggregation import (GLAD, MACE, DawidSkene, MajorityVote,
                                  OneCoinDawidSkene, Wawa, ZeroBasedSkill)
from crowdkit.aggregation.utils import get_accuracy

warnings.filterwarnings("ignore")


def log_odds_weights(df, labels):
    """Jury's `wmv` weights: log-odds of each worker's accuracy against plain MV.

    weight = max(0, ln((K-1) * a / (1 - a))), a clipped to [0.01, 0.99].
    """
    k = df["label"].nunique()
    acc = get_accuracy(df, labels, by="worker").clip(0.01, 0.99)
    return acc.apply(lambda a: max(0.0, math.log((k - 1) * a / (1 - a))) if k > 1 else 1.0)


def run_wmv(df):
    mv = MajorityVote().fit_predict(df)
    return MajorityVote().fit_predict(df, log_odds_weights(df, mv))


METHODS = {
    "mv": lambda df: MajorityVote().fit_predict(df),
    "wmv": run_wmv,
    "wawa": lambda df: Wawa().fit_predict(df),
    "zbs": lambda df: ZeroBasedSkill().fit_predict(df),
    "ds": lambda df: DawidSkene(n_iter=100, tol=1e-5).fit_predict(df),
    "onecoin-ds": lambda df: OneCoinDawidSkene(n_iter=100, tol=1e-5).fit_predict(df),
    "glad": lambda df: GLAD().fit_predict(df),
    "mace": lambda df: MACE().fit_predict(df),
    # MACE on rows sorted by (worker, label): neutralises Crowd-Kit 1.4.2's row/column
    # misalignment between factorised codes and groupby order (see docs/consensus.md).
    "mace-sorted": lambda df: MACE().fit_predict(
        df.sort_values(["worker", "label"], kind="stable")),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("answers")
    parser.add_argument("gold")
    parser.add_argument("--methods", default=",".join(METHODS))
    args = parser.parse_args()
    df = pd.read_csv(args.answers, dtype=str)[["worker", "task", "label"]]
    gold = pd.read_csv(args.gold, dtype=str).set_index("task")["label"]
    for method in args.methods.split(","):
        start = time.perf_counter()
        labels = METHODS[method](df)
        seconds = time.perf_counter() - start
        accuracy = (labels.reindex(gold.index) == gold).mean()
        print(f"crowdkit\t{args.name}\t{method}\t{accuracy:.6f}\t{seconds:.4f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
