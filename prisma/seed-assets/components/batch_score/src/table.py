"""Reads a CSV with a header into feature names, a float matrix and the label column."""
import csv

import numpy as np


def read_table(path, label_column):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        features = [c for c in reader.fieldnames if c != label_column]
        rows = list(reader)
    x = np.array([[float(row[c]) for c in features] for row in rows], dtype=float)
    labels = [row.get(label_column) for row in rows]
    return features, x, labels
