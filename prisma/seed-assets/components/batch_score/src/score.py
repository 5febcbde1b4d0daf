"""Scores every row of data.csv with a pickled classifier; the label column, when named, is left out of the features."""
import argparse
import csv
import os
import pickle

from table import read_table

parser = argparse.ArgumentParser()
parser.add_argument("--model", required=True)
parser.add_argument("--data", required=True)
parser.add_argument("--predictions", required=True)
parser.add_argument("--label_column", default=None)
args = parser.parse_args()

with open(os.path.join(args.model, "model.pkl"), "rb") as f:
    bundle = pickle.load(f)
features, x, _ = read_table(os.path.join(args.data, "data.csv"), args.label_column or "")
if features != bundle["features"]:
    raise SystemExit(f"The data's columns {features} differ from the model's {bundle['features']}")
scaled = bundle["scaler"].transform(x)
probabilities = bundle["model"].predict_proba(scaled)
os.makedirs(args.predictions, exist_ok=True)
with open(os.path.join(args.predictions, "predictions.csv"), "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow([*features, "prediction", "probability"])
    for row, p in zip(x, probabilities):
        best = int(p.argmax())
        writer.writerow([*row.tolist(), bundle["classes"][best], round(float(p[best]), 4)])
print(f"scored {len(x)} rows")
