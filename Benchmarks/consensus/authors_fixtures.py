#!/usr/bin/env python3
"""Write fixtures/consensus/bcc-reference.json from the authors' EBCC and IBCC.

Usage: AUTHORS_CODE=<truth-inference-at-scale>/code authors_fixtures.py OUT.json

Imports `ebcc.py` and `ibcc.py` from AUTHORS_CODE (github.com/yuan-li/truth-inference-at-scale,
MIT licence) without copying them. The crowd is drawn from numpy's RandomState(7): 30 items,
6 reviewers (the last one answers the next class, cyclically, nine times in ten), 3 classes,
4 answers an item. EBCC's random start is replaced by a recorded split of each item over 3 subtypes (the same
split for every class), so the Swift fit can start from it and must end at the same posterior.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.environ["AUTHORS_CODE"])
import ebcc  # noqa: E402
from ibcc import ibcc  # noqa: E402

ITEMS, WORKERS, GROUPS = 30, 6, 3


def crowd(rng):
    truth = rng.choice(3, size=ITEMS, p=[0.5, 0.3, 0.2])
    skill = [0.9, 0.8, 0.75, 0.7, 0.65, 0.1]
    rows = []
    for item in range(ITEMS):
        for worker in sorted(rng.choice(WORKERS, size=4, replace=False)):
            right = rng.random_sample() < skill[worker]
            rows.append((item, int(worker), int(truth[item]) if right else (int(truth[item]) + 1) % 3))
    return np.array(rows), truth


def fixed_start_ebcc(tuples, split):
    original = np.random.dirichlet
    np.random.dirichlet = lambda alpha, size: np.broadcast_to(split[:, None, :], tuple(size) + (len(alpha),)).copy()
    try:
        return ebcc.ebcc_vb(tuples, num_groups=GROUPS, empirical_prior=True)
    finally:
        np.random.dirichlet = original


def main():
    rng = np.random.RandomState(7)
    tuples, truth = crowd(rng)
    split = rng.dirichlet(np.ones(GROUPS), size=ITEMS)
    posterior, elbo = fixed_start_ebcc(tuples, split)
    fixture = {
        "source": "github.com/yuan-li/truth-inference-at-scale code/ebcc.py, code/ibcc.py (MIT licence)",
        "classes": 3, "groups": GROUPS,
        "answers": tuples.tolist(), "truth": truth.tolist(), "split": split.tolist(),
        "ibcc": ibcc(tuples).tolist(),
        "ebcc": posterior.tolist(), "ebccBound": float(elbo),
    }
    with open(sys.argv[1], "w") as out:
        json.dump(fixture, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
