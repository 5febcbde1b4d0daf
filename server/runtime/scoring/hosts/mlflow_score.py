"""The studio's scoring script for MLflow models deployed without code (init() and run(raw_data), as any entry script).

studio_mlflow.json, written beside this file when the deployment is made, says how to load the model (a pickled
scikit-learn model, or a python_function loader module) and holds the input signature from its MLmodel file.
Requests come as Azure ML's no-code deployments take them ({"input_data": {"columns", "index", "data"}} or
{"input_data": [[...]]}), as MLflow's scoring server takes them ({"dataframe_split"}, {"dataframe_records"},
{"instances"}, {"inputs"}), or as the studio's batch runs send them ({"data", "columns"}). Answers follow the
request's style: a JSON list of predictions for input_data, {"predictions": [...]} otherwise.
"""
import importlib
import json
import math
import os
import pickle
import sys

CONFIG = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "studio_mlflow.json")))
REQUEST_KEYS = ("input_data", "dataframe_split", "dataframe_records", "instances", "inputs", "data")
NUMBER_TYPES = {"double", "float", "long", "integer"}

model = None


class BadRequest(ValueError):
    """A request the model cannot take: answered 400 with this message (the host reads studio_status)."""

    studio_status = 400


def init():
    global model
    root = os.path.join(os.environ["AZUREML_MODEL_DIR"], CONFIG["root"])
    serving = CONFIG["serving"]
    if serving["kind"] == "sklearn":
        with open(os.path.join(root, serving["modelPath"]), "rb") as f:
            model = pickle.load(f)  # cloudpickle writes pickle's format; importable classes need no cloudpickle
        return
    if serving.get("codePath"):
        sys.path.insert(0, os.path.join(root, serving["codePath"]))
    loader = importlib.import_module(serving["loaderModule"])
    model = loader._load_pyfunc(os.path.join(root, serving["dataPath"]) if serving.get("dataPath") else root)


def rows_of(body):
    """(rows, column names or None, style) of a request body."""
    if not isinstance(body, dict):
        raise BadRequest('Send a JSON object such as {"input_data": {"columns": [...], "data": [[...]]}}.')
    keys = [k for k in REQUEST_KEYS if k in body and not (k == "data" and "input_data" in body)]
    if len(keys) != 1:
        raise BadRequest(
            "Send exactly one of input_data, dataframe_split, dataframe_records, instances or inputs"
            + (f"; this request has {', '.join(keys)}." if keys else ".")
        )
    key = keys[0]
    value = body[key]
    style = "azure" if key == "input_data" else "mlflow"
    if key in ("input_data", "dataframe_split") and isinstance(value, dict):
        if not isinstance(value.get("data"), list):
            raise BadRequest(f'"{key}" needs "data": a list of rows.')
        return value["data"], value.get("columns"), style
    if key == "data":
        return value, body.get("columns"), style
    if key == "dataframe_records" or (isinstance(value, list) and value and all(isinstance(r, dict) for r in value)):
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise BadRequest(f'"{key}" must be a list of records ({{"column": value}}).')
        columns = []
        for record in value:
            for name in record:
                if name not in columns:
                    columns.append(name)
        return [[record.get(c) for c in columns] for record in value], columns, style
    if key == "inputs" and isinstance(value, dict):
        columns = list(value)
        lengths = {len(v) if isinstance(v, list) else 1 for v in value.values()}
        if len(lengths) != 1:
            raise BadRequest('The columns under "inputs" must all have the same length.')
        n = lengths.pop()
        rows = [[(value[c][i] if isinstance(value[c], list) else value[c]) for c in columns] for i in range(n)]
        return rows, columns, style
    if isinstance(value, list):
        return value, None, style
    raise BadRequest(f'"{key}" must hold rows.')


def checked(rows, columns):
    """Rows in the signature's column order, checked against it (a 400 naming what does not fit)."""
    if not isinstance(rows, list) or not rows:
        raise BadRequest("The request holds no rows.")
    rows = [row if isinstance(row, list) else [row] for row in rows]
    signature = CONFIG.get("signature")
    if not signature:
        return rows, columns
    if signature["kind"] == "tensor":
        width = signature["width"]
        for i, row in enumerate(rows):
            if width is not None and len(row) != width:
                raise BadRequest(f"Row {i} has {len(row)} values; the model's input takes {width}.")
        return rows, columns
    names = [field["name"] for field in signature["inputs"]]
    if columns is not None:
        missing = [n for n in names if n not in columns and not optional(n)]
        if missing:
            raise BadRequest(f"The request lacks the column(s) {', '.join(missing)} of the model's signature.")
        at = {c: i for i, c in enumerate(columns)}
        rows = [[row[at[n]] if n in at and at[n] < len(row) else None for n in names] for row in rows]
    else:
        for i, row in enumerate(rows):
            if len(row) != len(names):
                raise BadRequest(
                    f"Row {i} has {len(row)} values; the model's signature has {len(names)} columns ({', '.join(names)})."
                )
    for field_index, field in enumerate(signature["inputs"]):
        for i, row in enumerate(rows):
            value = row[field_index]
            if value is None:
                if field.get("required", True):
                    raise BadRequest(f'Row {i} has no value for the required column "{field["name"]}".')
                continue
            if not fits(field["type"], value):
                raise BadRequest(
                    f'Column "{field["name"]}" is {field["type"]} in the model\'s signature; row {i} holds {json.dumps(value)}.'
                )
    return rows, names


def optional(name):
    return any(f["name"] == name and not f.get("required", True) for f in CONFIG["signature"]["inputs"])


def fits(kind, value):
    if kind in NUMBER_TYPES:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return kind not in ("long", "integer") or float(value).is_integer()
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    return True


def frame(rows, columns):
    """A pandas DataFrame when pandas is there and the columns are known (models that pick columns by name need
    it); else a numpy array (plain estimators take it)."""
    try:
        import pandas

        if columns is not None:
            return pandas.DataFrame(rows, columns=columns)
    except ImportError:
        pass
    import numpy

    try:
        return numpy.asarray(rows, dtype=float)
    except (TypeError, ValueError):
        return numpy.asarray(rows, dtype=object)


def jsonable(value):
    if hasattr(value, "to_dict"):
        value = value.to_dict(orient="records") if hasattr(value, "columns") else value.tolist()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def run(raw_data):
    try:
        body = json.loads(raw_data)
    except ValueError as error:
        raise BadRequest(f"The request body is not JSON: {error}") from None
    rows, columns, style = rows_of(body)
    rows, columns = checked(rows, columns)
    predictions = jsonable(model.predict(frame(rows, columns)))
    return predictions if style == "azure" else {"predictions": predictions}
