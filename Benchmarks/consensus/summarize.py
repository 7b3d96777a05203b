#!/usr/bin/env python3
"""Summarise run.sh output (tool, dataset, method, accuracy, seconds[, detail]) as Markdown.

Accuracy is in percent; time is the fastest repeat. Tables: Jury vs Crowd-Kit per dataset and
method; when the authors' EBCC/IBCC ran, the accuracy of every method on the EBCC paper's 17
datasets with their mean, and ebcc/ibcc time beside the authors'. Standard library only.
"""
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 5:
        continue
    tool, dataset, method, accuracy, seconds = parts[:5]
    best = rows[(dataset, method)].get(tool)
    if best is None or float(seconds) < best[1]:
        rows[(dataset, method)][tool] = (float(accuracy), float(seconds))


def line(cells):
    print("| " + " | ".join(cells) + " |")


def compare(first, second, names):
    line(["dataset", "method", f"{names[0]} acc %", f"{names[1]} acc %", "diff pp",
          f"{names[0]} s", f"{names[1]} s", "speed-up"])
    line(["---"] * 2 + ["---:"] * 6)
    for (dataset, method), tools in rows.items():
        a, b = tools.get(first), tools.get(second)
        if not a or (not b and second == "authors"):
            continue
        line([dataset, method, f"{a[0] * 100:.2f}", f"{b[0] * 100:.2f}" if b else "",
              f"{(a[0] - b[0]) * 100:+.2f}" if b else "", f"{a[1]:.3f}", f"{b[1]:.3f}" if b else "",
              f"{b[1] / a[1]:.1f}x" if b and a[1] > 0 else ""])


def accuracy_table():
    datasets = list(dict.fromkeys(d for d, _ in rows if not d.startswith("shared/") and d != "synthetic"))
    columns = list(dict.fromkeys((t, m) for (d, m), tools in rows.items() if d in datasets for t in tools))
    columns.sort(key=lambda c: ["jury", "authors", "crowdkit"].index(c[0]))
    line(["dataset"] + [f"{t} {m}" for t, m in columns])
    line(["---"] + ["---:"] * len(columns))
    means = defaultdict(list)
    for d in datasets:
        cells = [d]
        for column in columns:
            found = rows[(d, column[1])].get(column[0])
            cells.append(f"{found[0] * 100:.2f}" if found else "")
            if found:
                means[column].append(found[0])
        line(cells)
    line(["**mean**"] + [f"**{sum(means[c]) / len(means[c]) * 100:.2f}**" if len(means[c]) == len(datasets) else ""
                         for c in columns])


print("Jury vs Crowd-Kit 1.4.2\n")
compare("jury", "crowdkit", ("Jury", "Crowd-Kit"))
if any("authors" in tools for tools in rows.values()):
    print("\nAccuracy (%) on the 17 datasets of the EBCC paper\n")
    accuracy_table()
    print("\nJury vs the authors' EBCC and IBCC (same starts)\n")
    compare("jury", "authors", ("Jury", "authors"))
