"""The REST calls MLflow's Python client makes, in order, with only the standard library.

Sequence and bodies as MLflow's own source has them (mlflow/tracking/fluent.py, _tracking_service/client.py,
store/tracking/rest_store.py, store/artifact/http_artifact_repo.py, tracking/_model_registry/fluent.py,
tracking/client.py):

    mlflow.set_experiment(name)
    with mlflow.start_run():
        mlflow.log_params({...})
        mlflow.log_metrics({...}, step=s)      # batched, several steps
        mlflow.log_artifact(path)              # and a model folder through log_artifacts
    mlflow.register_model("runs:/<run>/model", model_name)
    MlflowClient().set_registered_model_alias(model_name, "champion", version)
    mlflow.artifacts.download_artifacts("models:/<model_name>@champion")

MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN (or MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD) are read as
MLflow reads them. Prints one JSON line with what it saw.
"""
import base64
import getpass
import json
import mimetypes
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

TRACKING_URI = os.environ["MLFLOW_TRACKING_URI"].rstrip("/")
VERSION = "2.17.2"


class RestError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body
        self.error_code = body.get("error_code", "INTERNAL_ERROR") if isinstance(body, dict) else "INTERNAL_ERROR"


def headers(content_type="application/json"):
    out = {"User-Agent": f"mlflow-python-client/{VERSION}", "X-MLflow-Client-Version": VERSION}
    user, password = os.environ.get("MLFLOW_TRACKING_USERNAME"), os.environ.get("MLFLOW_TRACKING_PASSWORD")
    token = os.environ.get("MLFLOW_TRACKING_TOKEN")
    # rest_utils.http_request: Basic wins when both are set.
    if user and password:
        out["Authorization"] = "Basic " + base64.standard_b64encode(f"{user}:{password}".encode()).decode()
    elif token:
        out["Authorization"] = f"Bearer {token}"
    if content_type:
        out["Content-Type"] = content_type
    return out


def send(method, url, body=None, content_type="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers(content_type if data is not None else None))
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw = error.read()
        status = error.code
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return status, parsed, raw


def call(method, endpoint, message):
    """rest_utils.call_endpoint: GET sends the message as query parameters (lists as repeated keys), others as JSON."""
    url = f"{TRACKING_URI}/api/2.0/mlflow/{endpoint}"
    if method == "GET":
        url += "?" + urllib.parse.urlencode(message, doseq=True)
        status, parsed, _ = send("GET", url)
    else:
        status, parsed, _ = send(method, url, message)
    # verify_rest_response: 200 with a JSON object, or a RestException from the error body.
    if status != 200 or not isinstance(parsed, dict):
        raise RestError(status, parsed)
    return parsed


def now_ms():
    return int(time.time() * 1000)


def set_experiment(name):
    try:
        return call("GET", "experiments/get-by-name", {"experiment_name": name})["experiment"]["experiment_id"]
    except RestError as error:
        if error.error_code != "RESOURCE_DOES_NOT_EXIST":
            raise
    experiment_id = call("POST", "experiments/create", {"name": name})["experiment_id"]
    call("GET", "experiments/get", {"experiment_id": experiment_id})
    return experiment_id


def start_run(experiment_id):
    user = getpass.getuser()
    tags = [
        {"key": "mlflow.user", "value": user},
        {"key": "mlflow.source.name", "value": os.path.basename(sys.argv[0])},
        {"key": "mlflow.source.type", "value": "LOCAL"},
    ]
    body = {"experiment_id": experiment_id, "user_id": user, "start_time": now_ms(), "tags": tags}
    return call("POST", "runs/create", body)["run"]["info"]


def log_params(run_id, params):
    call("POST", "runs/log-batch", {"run_id": run_id, "params": [{"key": k, "value": str(v)} for k, v in params.items()]})


def log_metrics(run_id, metrics, step):
    timestamp = now_ms()
    batch = [{"key": k, "value": float(v), "timestamp": timestamp, "step": step} for k, v in metrics.items()]
    call("POST", "runs/log-batch", {"run_id": run_id, "metrics": batch})


def artifact_repo_url(run_id):
    """client._get_artifact_repo: runs/get for artifact_uri, then MlflowArtifactsRepository.resolve_uri."""
    info = call("GET", "runs/get", {"run_uuid": run_id, "run_id": run_id})["run"]["info"]
    parsed = urllib.parse.urlparse(info["artifact_uri"])
    tracking = urllib.parse.urlparse(TRACKING_URI)
    path = "/".join(p for p in f"{tracking.path}/api/2.0/mlflow-artifacts/artifacts/{parsed.path}".split("/") if p)
    return f"{tracking.scheme}://{parsed.netloc or tracking.netloc}/{path}"


def log_artifact(root, local_path, artifact_path=None):
    """HttpArtifactRepository.log_artifact: one PUT of the file's bytes, with its guessed MIME type."""
    name = os.path.basename(local_path)
    url = f"{root}/{artifact_path}/{name}" if artifact_path else f"{root}/{name}"
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    with open(local_path, "rb") as f:
        status, _, raw = send("PUT", url, f.read(), content_type=mime)
    if not 200 <= status < 300:
        raise RestError(status, raw)


def end_run(run_id):
    call("GET", "runs/get", {"run_uuid": run_id, "run_id": run_id})
    info = call("POST", "runs/update", {"run_uuid": run_id, "status": "FINISHED", "end_time": now_ms(), "run_id": run_id})
    return info["run_info"]


def register_model(run_id, artifact_path, name):
    try:
        call("POST", "registered-models/create", {"name": name})
    except RestError as error:
        if error.error_code not in ("RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS"):
            raise
    info = call("GET", "runs/get", {"run_id": run_id})["run"]["info"]
    source = f"{info['artifact_uri']}/{artifact_path}"
    version = call("POST", "model-versions/create", {"name": name, "source": source, "run_id": run_id})["model_version"]
    deadline = time.time() + 300
    while version["status"] == "PENDING_REGISTRATION":
        if time.time() > deadline:
            raise RuntimeError("Exceeded max wait time for model version to become READY")
        version = call("GET", "model-versions/get", {"name": name, "version": version["version"]})["model_version"]
        time.sleep(3)
    if version["status"] != "READY":
        raise RuntimeError(f"Model version creation failed with status {version['status']}")
    return version


def set_registered_model_alias(name, alias, version):
    call("GET", "registered-models/get", {"name": name})
    call("POST", "registered-models/alias", {"name": name, "alias": alias, "version": version})


def download_by_alias(name, alias, target):
    """models:/name@alias: the alias, the model (prompt check), the download URI, then the files it lists."""
    version = call("GET", "registered-models/alias", {"name": name, "alias": alias})["model_version"]["version"]
    call("GET", "registered-models/get", {"name": name})
    uri = call("GET", "model-versions/get-download-uri", {"name": name, "version": version})["artifact_uri"]
    tracking = urllib.parse.urlparse(TRACKING_URI)
    root = urllib.parse.urlparse(uri).path.lstrip("/")
    listing = f"{tracking.scheme}://{tracking.netloc}{tracking.path}/api/2.0/mlflow-artifacts/artifacts?" + urllib.parse.urlencode({"path": root})
    status, body, _ = send("GET", listing)
    if status != 200:
        raise RestError(status, body)
    files = []
    for entry in body.get("files", []):
        if entry["is_dir"]:
            continue
        status, _, raw = send("GET", f"{tracking.scheme}://{tracking.netloc}{tracking.path}/api/2.0/mlflow-artifacts/artifacts/{root}/{entry['path']}")
        if status != 200:
            raise RestError(status, raw)
        with open(os.path.join(target, entry["path"]), "wb") as f:
            f.write(raw)
        files.append(entry["path"])
    return version, sorted(files)


def main():
    experiment = os.environ["EXPERIMENT"]
    model_name = os.environ["MODEL_NAME"]
    experiment_id = set_experiment(experiment)
    run = start_run(experiment_id)
    run_id = run["run_id"]
    log_params(run_id, {"lr": 0.05, "epochs": 3})
    for step, (loss, acc) in enumerate([(0.9, 0.6), (0.5, 0.8), (0.3, 0.9)]):
        log_metrics(run_id, {"loss": loss, "accuracy": acc}, step)
    root = artifact_repo_url(run_id)
    with tempfile.TemporaryDirectory() as work:
        notes = os.path.join(work, "notes.txt")
        with open(notes, "w") as f:
            f.write("trained with the standard library\n")
        log_artifact(root, notes)
        for name, content in [("MLmodel", "flavors:\n  python_function: {}\n"), ("model.pkl", "weights")]:
            path = os.path.join(work, name)
            with open(path, "w") as f:
                f.write(content)
            log_artifact(root, path, "model")
    ended = end_run(run_id)
    version = register_model(run_id, "model", model_name)
    set_registered_model_alias(model_name, "champion", version["version"])
    with tempfile.TemporaryDirectory() as target:
        champion, files = download_by_alias(model_name, "champion", target)
    print(json.dumps({"run_id": run_id, "experiment_id": experiment_id, "status": ended["status"], "version": version["version"], "champion": champion, "files": files}))


if __name__ == "__main__":
    main()
