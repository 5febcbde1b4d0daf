"""Writes the real, small data sets that the demo seed registers as data assets.

Run with Debian's python3 (python3-sklearn, which bundles these data sets): /usr/bin/python3 make_data.py
The outputs are committed, so the studio never needs Python to seed itself.
"""
import csv
import json
from pathlib import Path

from sklearn.datasets import load_diabetes, load_iris, load_wine

OUT = Path(__file__).parent / "data"


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


iris = load_iris()
write_csv(
    OUT / "iris" / "iris.csv",
    ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species"],
    [[*(round(float(x), 2) for x in row), iris.target_names[t]] for row, t in zip(iris.data, iris.target)],
)

wine = load_wine()
write_csv(
    OUT / "wine" / "wine.csv",
    [*wine.feature_names, "cultivar"],
    [[*(round(float(x), 4) for x in row), f"class_{t}"] for row, t in zip(wine.data, wine.target)],
)
(OUT / "wine" / "README.txt").write_text(
    "UCI wine recognition data: chemical analysis of 178 wines grown in one region of Italy by three cultivars.\n"
)

diabetes = load_diabetes(scaled=False)
path = OUT / "diabetes" / "diabetes.jsonl"
path.parent.mkdir(parents=True, exist_ok=True)
with path.open("w") as f:
    for row, target in zip(diabetes.data, diabetes.target):
        record = {name: (int(v) if float(v).is_integer() else round(float(v), 4)) for name, v in zip(diabetes.feature_names, row)}
        record["progression"] = int(target)
        f.write(json.dumps(record) + "\n")
