"""Splits a CSV into train.csv and test.csv, stratified by the label column, with a fixed seed."""
import argparse
import csv
import os
import random
from collections import defaultdict

parser = argparse.ArgumentParser()
parser.add_argument("--raw_data", required=True)
parser.add_argument("--label_column", default="species")
parser.add_argument("--test_share", type=float, default=0.3)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--train_data", required=True)
parser.add_argument("--test_data", required=True)
args = parser.parse_args()

with open(args.raw_data, newline="") as f:
    reader = csv.DictReader(f)
    header = reader.fieldnames
    rows = list(reader)
if args.label_column not in header:
    raise SystemExit(f"The CSV has no column {args.label_column!r}; its columns are {', '.join(header)}")

by_label = defaultdict(list)
for row in rows:
    by_label[row[args.label_column]].append(row)
rng = random.Random(args.seed)
train, test = [], []
for label in sorted(by_label):
    group = by_label[label]
    rng.shuffle(group)
    cut = max(1, round(len(group) * args.test_share))
    test.extend(group[:cut])
    train.extend(group[cut:])

for folder, part in ((args.train_data, train), (args.test_data, test)):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "data.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(part)
print(f"{len(rows)} rows: {len(train)} for training, {len(test)} for testing, {len(by_label)} labels")
