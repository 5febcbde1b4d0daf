"""Evaluates a pickled classifier on data.csv: accuracy and macro F1, logged and written to metrics.json."""
import argparse
import json
import os
import pickle

from sklearn.metrics import accuracy_score, f1_score

import mlops_studio
from table import read_table

parser = argparse.ArgumentParser()
parser.add_argument("--model", required=True)
parser.add_argument("--test_data", required=True)
parser.add_argument("--label_column", default="species")
parser.add_argument("--report", required=True)
args = parser.parse_args()

with open(os.path.join(args.model, "model.pkl"), "rb") as f:
    bundle = pickle.load(f)
features, x, labels = read_table(os.path.join(args.test_data, "data.csv"), args.label_column)
if features != bundle["features"]:
    raise SystemExit(f"The test data's columns {features} differ from the model's {bundle['features']}")
predicted = [bundle["classes"][i] for i in bundle["model"].predict(bundle["scaler"].transform(x))]
metrics = {"accuracy": accuracy_score(labels, predicted), "f1_macro": f1_score(labels, predicted, average="macro"), "test_rows": len(labels)}
mlops_studio.log_metrics(metrics)
mlops_studio.end_run()
os.makedirs(args.report, exist_ok=True)
with open(os.path.join(args.report, "metrics.json"), "w") as f:
    json.dump(metrics, f, indent=2)
print(json.dumps(metrics))
