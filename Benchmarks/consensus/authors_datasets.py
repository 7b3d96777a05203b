#!/usr/bin/env python3
"""Convert the 17 datasets of Li, Rubinstein and Cohn's benchmark to Crowd-Kit CSV.

Usage: authors_datasets.py DATA OUT

DATA is the `data/` folder of github.com/yuan-li/truth-inference-at-scale (MIT licence);
OUT/<name>/answers.csv (worker,task,label) and OUT/<name>/gold.csv (task,label) are written,
exact duplicate rows dropped (keeping the first), as the authors' benchmark does.
Prints the dataset names, one a line, in the authors' table order. Standard library only.
"""
import csv
import os
import sys

DATASETS = [
    ("active-crowd-toolkit/CF", "CF"), ("active-crowd-toolkit/CF_amt", "CF_amt"),
    ("active-crowd-toolkit/MS", "MS"), ("active-crowd-toolkit/SP", "SP"),
    ("active-crowd-toolkit/SP_amt", "SP_amt"), ("active-crowd-toolkit/ZenCrowd_all", "ZC_all"),
    ("active-crowd-toolkit/ZenCrowd_in", "ZC_in"), ("active-crowd-toolkit/ZenCrowd_us", "ZC_us"),
    ("crowd_truth_inference/d_jn-product", "product"), ("crowd_truth_inference/d_sentiment", "senti_1k"),
    ("crowd_truth_inference/s4_Face Sentiment Identification", "face"),
    ("crowd_truth_inference/s5_AdultContent", "adult"), ("SpectralMethodsMeetEM/bluebird", "bird"),
    ("SpectralMethodsMeetEM/dog", "dog"), ("SpectralMethodsMeetEM/rte", "rte"),
    ("SpectralMethodsMeetEM/trec", "trec"), ("SpectralMethodsMeetEM/web", "web"),
]


def convert(source, target):
    os.makedirs(target, exist_ok=True)
    seen = set()
    with open(os.path.join(source, "label.csv")) as f, open(os.path.join(target, "answers.csv"), "w") as out:
        out.write("worker,task,label\n")
        for row in csv.DictReader(f):
            key = (row["item"], row["worker"], row["label"])
            if key not in seen:
                seen.add(key)
                out.write(f"{row['worker']},{row['item']},{row['label']}\n")
    with open(os.path.join(source, "truth.csv")) as f, open(os.path.join(target, "gold.csv"), "w") as out:
        out.write("task,label\n")
        for row in csv.DictReader(f):
            out.write(f"{row['item']},{row['truth']}\n")


def main():
    data, out = sys.argv[1], sys.argv[2]
    for folder, name in DATASETS:
        convert(os.path.join(data, folder), os.path.join(out, name))
        print(name)


if __name__ == "__main__":
    main()
