"""Entry script for the breast-cancer-tree model, in Azure ML's convention: init() once, run() per request.

Request: {"data": [[30 measurements], ...]} (the columns of scikit-learn's breast cancer data).
Answer: the predicted class of each row (0 = malignant, 1 = benign) and its probabilities.
"""
import json
import logging
import os
import pickle

import numpy as np

model = None


def init():
    global model
    path = os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.pkl")
    with open(path, "rb") as f:
        model = pickle.load(f)
    logging.info("Loaded %s from %s", model, path)


def run(raw_data):
    rows = np.asarray(json.loads(raw_data)["data"], dtype=float)
    if rows.ndim != 2 or rows.shape[1] != model.n_features_in_:
        raise ValueError(f"expected rows of {model.n_features_in_} measurements, got shape {list(rows.shape)}")
    logging.info("Scoring %d rows", len(rows))
    return {"predictions": model.predict(rows).tolist(), "probabilities": model.predict_proba(rows).round(4).tolist()}
