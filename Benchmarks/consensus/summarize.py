#!/usr/bin/env python3
"""Summarise run.sh output (tool, dataset, method, accuracy, seconds[, detail]) as Markdown.

Accuracy is in percent; time is the fastest repeat. Standard library only.
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

print("| dataset | method | Jury acc % | Crowd-Kit acc % | diff pp | Jury s | Crowd-Kit s | speed-up |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for (dataset, method), tools in rows.items():
    jury, kit = tools.get("jury"), tools.get("crowdkit")
    cells = [dataset, method]
    cells.append(f"{jury[0] * 100:.2f}" if jury else "")
    cells.append(f"{kit[0] * 100:.2f}" if kit else "")
    cells.append(f"{(jury[0] - kit[0]) * 100:+.2f}" if jury and kit else "")
    cells.append(f"{jury[1]:.3f}" if jury else "")
    cells.append(f"{kit[1]:.3f}" if kit else "")
    cells.append(f"{kit[1] / jury[1]:.1f}x" if jury and kit and jury[1] > 0 else "")
    print("| " + " | ".join(cells) + " |")
