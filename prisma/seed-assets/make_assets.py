"""Trains the small, real models that the demo seed registers, and writes their files here.

Run with Debian's python3 (python3-sklearn, python3-onnx): /usr/bin/python3 make_assets.py
The outputs are committed, so the studio never needs Python to seed itself.
"""
import json
import pickle
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn import __version__ as sklearn_version
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

OUT = Path(__file__).parent
SEED = 7


def linear_onnx(name, coef, intercept, n_features, softmax):
    """A Gemm (x @ W^T + b) graph, with a Softmax for classifiers."""
    w = helper.make_tensor("W", TensorProto.FLOAT, coef.shape, coef.astype(np.float32).flatten().tolist())
    b = helper.make_tensor("B", TensorProto.FLOAT, intercept.shape, intercept.astype(np.float32).flatten().tolist())
    nodes = [helper.make_node("Gemm", ["input", "W", "B"], ["scores" if softmax else "output"], transB=1)]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["scores"], ["output"], axis=1))
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", n_features])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", coef.shape[0]])],
        [w, b],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="mlops-studio-seed")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def write(folder, files, metrics):
    path = OUT / folder
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode())
    (path / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")


CONDA = f"""name: sklearn-env
channels: [conda-forge]
dependencies:
  - python=3.11
  - pip
  - pip:
      - scikit-learn=={sklearn_version}
      - numpy
"""

# Iris: logistic regression exported as ONNX, two versions with different regularisation.
X, y = load_iris(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=SEED, stratify=y)
for version, c in [(1, 0.05), (2, 1.0)]:
    clf = LogisticRegression(C=c, max_iter=500).fit(Xtr, ytr)
    write(
        f"iris-classifier-v{version}",
        {"model.onnx": linear_onnx("iris", clf.coef_, clf.intercept_, 4, True)},
        {"accuracy": round(float(clf.score(Xte, yte)), 4), "C": c, "dataset": "iris", "test_rows": len(yte)},
    )

# Diabetes progression: linear regression as ONNX.
X, y = load_diabetes(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=SEED)
reg = LinearRegression().fit(Xtr, ytr)
write(
    "diabetes-regressor-v1",
    {"model.onnx": linear_onnx("diabetes", reg.coef_.reshape(1, -1), np.array([reg.intercept_]), 10, False)},
    {"r2": round(float(reg.score(Xte, yte)), 4), "dataset": "diabetes", "test_rows": len(yte)},
)

# Breast cancer: a pickled scikit-learn pipeline with its environment, three versions by tree depth.
X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=SEED, stratify=y)
for version, depth in [(1, 2), (2, 4), (3, 6)]:
    clf = DecisionTreeClassifier(max_depth=depth, random_state=SEED).fit(Xtr, ytr)
    write(
        f"breast-cancer-tree-v{version}",
        {"model.pkl": pickle.dumps(clf), "conda.yaml": CONDA},
        {"accuracy": round(float(clf.score(Xte, yte)), 4), "max_depth": depth, "dataset": "breast_cancer", "test_rows": len(yte)},
    )

# Wine: an MLflow-format model folder.
X, y = load_wine(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=SEED, stratify=y)
clf = LogisticRegression(max_iter=5000).fit(Xtr, ytr)
mlmodel = f"""artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.2
  sklearn:
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: {sklearn_version}
"""
write(
    "wine-classifier-v1",
    {
        "model/MLmodel": mlmodel,
        "model/model.pkl": pickle.dumps(clf),
        "model/conda.yaml": CONDA,
        "model/python_env.yaml": "python: 3.11.2\nbuild_dependencies:\n  - pip\ndependencies:\n  - -r requirements.txt\n",
        "model/requirements.txt": f"scikit-learn=={sklearn_version}\nnumpy\n",
    },
    {"accuracy": round(float(clf.score(Xte, yte)), 4), "dataset": "wine", "test_rows": len(yte)},
)
print("wrote", sorted(p.name for p in OUT.iterdir() if p.is_dir()))
