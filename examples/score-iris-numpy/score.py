"""Entry script for the iris-classifier models without onnxruntime: the model is a logistic regression
exported to ONNX (a Gemm and a Softmax), so its weights are read from model.onnx with the onnx package and
applied with numpy.

Request: {"data": [[sepal length, sepal width, petal length, petal width], ...]} (or {"inputs": {"input": ...}}).
Answer: {"output": class probabilities per row, "species": the most likely species per row}.
"""
import json
import logging
import os

import numpy as np
import onnx
from onnx import numpy_helper

SPECIES = ["setosa", "versicolor", "virginica"]
weights = None
bias = None


def init():
    global weights, bias
    model = onnx.load(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.onnx"))
    tensors = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    weights, bias = tensors["W"], tensors["B"]
    logging.info("Loaded weights %s and bias %s", weights.shape, bias.shape)


def run(raw_data):
    request = json.loads(raw_data)
    rows = np.asarray(request["inputs"]["input"] if "inputs" in request else request["data"], dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[np.newaxis, :]
    if rows.shape[1:] != (weights.shape[1],):
        raise ValueError(f"expected rows of {weights.shape[1]} measurements, got shape {list(rows.shape)}")
    scores = rows @ weights.T + bias
    scores -= scores.max(axis=1, keepdims=True)
    probabilities = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    return {"output": probabilities.astype(float).round(6).tolist(), "species": [SPECIES[i] for i in probabilities.argmax(axis=1)]}
