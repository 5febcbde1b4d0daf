"""Runs the scikit-learn training example (examples/sklearn-iris/train.py) with a few settings and
records what each run logged and wrote, so that the demo seed shows finished jobs with real curves.

Run with Debian's python3 (python3-sklearn, python3-onnx): /usr/bin/python3 make_example_runs.py
"""
import json
import os
import pickle
import sys
import traceback
from pathlib import Path

OUT = Path(__file__).parent / "example-runs"
sys.path.insert(0, str(Path(__file__).parents[2] / "examples" / "sklearn-iris"))
import train  # noqa: E402

RUNS = [
    {"display": "iris lr=0.01", "epochs": 40, "lr": 0.01},
    {"display": "iris lr=0.05", "epochs": 40, "lr": 0.05},
    {"display": "iris lr=0.2", "epochs": 40, "lr": 0.2},
    {"display": "iris lr=-1 (typo)", "epochs": 40, "lr": -1.0},
]


def main():
    runs = []
    for index, settings in enumerate(RUNS):
        points, lines = [], []

        def log(epoch, metrics):
            for key, value in metrics.items():
                points.append([key, epoch, value])
            lines.append(f"epoch {epoch:3d}  " + "  ".join(f"{k}={v:.4f}" for k, v in metrics.items()))

        folder = OUT / f"run-{index + 1}"
        record = {"displayName": settings["display"], "params": {"epochs": str(settings["epochs"]), "lr": str(settings["lr"]), "seed": "7", "model": "SGDClassifier(log_loss)"}, "points": points}
        try:
            model, scaler, iris = train.train(settings["epochs"], settings["lr"], 7, log)
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "model.pkl", "wb") as f:
                pickle.dump({"scaler": scaler, "model": model}, f)
            train.write_onnx(str(folder / "model.onnx"), model, scaler, iris.data.shape[1])
            with open(folder / "labels.json", "w") as f:
                json.dump({"features": list(iris.feature_names), "classes": list(iris.target_names)}, f, indent=2)
            lines.append(f"wrote model.pkl, model.onnx and labels.json to {os.path.join('outputs', 'model')}")
            record.update(status="completed", exitCode=0, stdout="\n".join(lines) + "\n", stderr="", output=folder.name)
        except Exception as error:  # the failed run keeps the real traceback (from train.py down) as its log
            # Paths as the job saw them: its code folder, not this checkout.
            stderr = "".join(traceback.format_exception(type(error), error, error.__traceback__.tb_next)).replace(str(Path(train.__file__).parent), "code")
            record.update(status="failed", exitCode=1, stdout="\n".join(lines) + ("\n" if lines else ""), stderr=stderr, output=None)
        runs.append(record)
    with open(OUT / "runs.json", "w") as f:
        json.dump(runs, f, indent=1)
    print(f"wrote {len(runs)} runs to {OUT}")


if __name__ == "__main__":
    main()
