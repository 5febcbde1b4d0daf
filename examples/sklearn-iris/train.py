"""Trains a logistic-regression classifier on the iris dataset that ships with scikit-learn, one epoch
at a time, logging loss and accuracy per epoch to the studio, and writes the model to the output folder
(a pickle for Python, and an ONNX graph that the studio can serve without code when `onnx` is installed).

Run by the studio:  python train.py --epochs 40 --lr 0.05 --output ${{outputs.model}}
Run on a laptop:    MLOPS_STUDIO_TOKEN=... python train.py  (opens a new job in the "dev" workspace)
"""
import argparse
import json
import os
import pickle
import warnings

import numpy as np
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

import mlops_studio


def train(epochs, lr, seed, log):
    iris = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.3, random_state=seed, stratify=iris.target)
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
    model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=lr, alpha=1e-4, random_state=seed)
    classes = np.unique(iris.target)
    rng = np.random.default_rng(seed)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x_train))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.partial_fit(x_train[order], y_train[order], classes=classes)
        metrics = {
            "train_loss": log_loss(y_train, model.predict_proba(x_train), labels=classes),
            "val_loss": log_loss(y_test, model.predict_proba(x_test), labels=classes),
            "train_accuracy": accuracy_score(y_train, model.predict(x_train)),
            "val_accuracy": accuracy_score(y_test, model.predict(x_test)),
        }
        log(epoch, metrics)
    return model, scaler, iris


def write_onnx(path, model, scaler, n_features):
    """Standardization folded into one Gemm, then Softmax: the same probabilities as the pickle."""
    import onnx
    from onnx import TensorProto, helper

    coef = model.coef_ / scaler.scale_
    intercept = model.intercept_ - (model.coef_ * scaler.mean_ / scaler.scale_).sum(axis=1)
    w = helper.make_tensor("W", TensorProto.FLOAT, coef.shape, coef.astype(np.float32).flatten().tolist())
    b = helper.make_tensor("B", TensorProto.FLOAT, intercept.shape, intercept.astype(np.float32).flatten().tolist())
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["input", "W", "B"], ["scores"], transB=1), helper.make_node("Softmax", ["scores"], ["output"], axis=1)],
        "iris_classifier",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [None, coef.shape[0]])],
        [w, b],
    )
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx_model.ir_version = 8
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", default="outputs/model")
    args = parser.parse_args()

    run = mlops_studio.start_run(experiment="iris-sklearn", params={"epochs": args.epochs, "lr": args.lr, "seed": args.seed, "model": "SGDClassifier(log_loss)"})
    run.set_tag("dataset", "iris")

    def log(epoch, metrics):
        run.log_metrics(metrics, step=epoch)
        print(f"epoch {epoch:3d}  " + "  ".join(f"{k}={v:.4f}" for k, v in metrics.items()), flush=True)

    model, scaler, iris = train(args.epochs, args.lr, args.seed, log)
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "model.pkl"), "wb") as f:
        pickle.dump({"scaler": scaler, "model": model}, f)
    files = ["model.pkl"]
    try:
        write_onnx(os.path.join(args.output, "model.onnx"), model, scaler, iris.data.shape[1])
        files.append("model.onnx")
    except ImportError:
        print("onnx is not installed: wrote the pickle only", flush=True)
    with open(os.path.join(args.output, "labels.json"), "w") as f:
        json.dump({"features": list(iris.feature_names), "classes": list(iris.target_names)}, f, indent=2)
    run.end()
    print(f"wrote {', '.join(files)} and labels.json to {args.output}", flush=True)


if __name__ == "__main__":
    main()
