"""Trains an SGD logistic-regression classifier on data.csv, logging metrics per epoch to the studio."""
import argparse
import os
import pickle
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, log_loss
from sklearn.preprocessing import StandardScaler

import mlops_studio
from table import read_table

parser = argparse.ArgumentParser()
parser.add_argument("--train_data", required=True)
parser.add_argument("--label_column", default="species")
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--learning_rate", type=float, default=0.05)
parser.add_argument("--model", required=True)
args = parser.parse_args()

features, x, labels = read_table(os.path.join(args.train_data, "data.csv"), args.label_column)
classes = sorted(set(labels))
y = np.array([classes.index(label) for label in labels])
scaler = StandardScaler().fit(x)
xs = scaler.transform(x)
model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=args.learning_rate, alpha=1e-4, random_state=7)
mlops_studio.log_params({"epochs": args.epochs, "learning_rate": args.learning_rate, "features": len(features), "rows": len(y)})
rng = np.random.default_rng(7)
for epoch in range(1, args.epochs + 1):
    order = rng.permutation(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.partial_fit(xs[order], y[order], classes=np.arange(len(classes)))
    mlops_studio.log_metrics({"train_loss": log_loss(y, model.predict_proba(xs), labels=np.arange(len(classes))), "train_accuracy": accuracy_score(y, model.predict(xs))}, step=epoch)
mlops_studio.end_run()

os.makedirs(args.model, exist_ok=True)
with open(os.path.join(args.model, "model.pkl"), "wb") as f:
    pickle.dump({"model": model, "scaler": scaler, "features": features, "classes": classes}, f)
print(f"trained on {len(y)} rows, {len(features)} features, classes {classes}")
