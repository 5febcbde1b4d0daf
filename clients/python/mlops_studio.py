"""Log a training run to MLOps Studio from Python, with the standard library only.

Copy this file next to your script (or put its folder on PYTHONPATH), then:

    import mlops_studio as studio

    studio.start_run(experiment="iris", params={"lr": "0.01"})   # or let the studio's runner start it
    for epoch in range(10):
        studio.log_metric("loss", 0.31, step=epoch)
    studio.end_run()                                             # "completed"; end_run("failed", "why")

Settings come from the environment (the studio's runner sets them for its jobs):
    MLOPS_STUDIO_URL        e.g. http://localhost:3000
    MLOPS_STUDIO_TOKEN      a personal access token (Access tokens page, or POST /api/v1/auth/token)
    MLOPS_STUDIO_WORKSPACE  e.g. dev
    MLOPS_STUDIO_JOB        set by the runner: log into that job instead of opening a new one

A run this module opens records the git repository of the script it runs in, as MLflow does: the origin
URL (without credentials), branch, commit, and whether tracked files have uncommitted changes. Pass
git=False to leave it out. Jobs of the studio's runner get theirs from the uploaded code instead.

Metrics are buffered and sent in batches of at most 1000 points (the API's limit), when the buffer is
full, every few seconds, and at end_run(). Each batch carries an idempotency key (batchId): when the
network fails or the studio answers 5xx or 429, the batch is sent again (up to 5 times, waiting longer
each time), and the studio stores it once even if an earlier try did arrive.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

MAX_BATCH_METRICS = 1000
FLUSH_SECONDS = 5.0
BATCH_ATTEMPTS = 5


class StudioError(Exception):
    """The studio refused a request; `status` and `code` say why (see the API's error codes)."""

    def __init__(self, status, code, message):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.retry_after = None


class Run:
    def __init__(self, url=None, token=None, workspace=None, job=None, experiment="default", display_name=None, params=None, tags=None, git=True):
        self.url = (url or os.environ.get("MLOPS_STUDIO_URL") or "http://localhost:3000").rstrip("/")
        self.token = token or os.environ.get("MLOPS_STUDIO_TOKEN")
        self.workspace = workspace or os.environ.get("MLOPS_STUDIO_WORKSPACE") or "dev"
        if not self.token:
            raise StudioError(0, "unauthorized", "set MLOPS_STUDIO_TOKEN or pass token=")
        self._metrics = []
        self._last_flush = time.monotonic()
        self.owns_job = False
        self.job = job or os.environ.get("MLOPS_STUDIO_JOB")
        if self.job:
            if params or tags:
                self._post(f"/jobs/{self.job}/log-batch", {"params": _pairs(params), "tags": _pairs(tags)})
        else:
            body = {"experiment": experiment, "params": _strings(params), "tags": _strings(tags)}
            if display_name:
                body["displayName"] = display_name
            info = _git_info() if git else None
            if info:
                body["git"] = info
            self.job = self._post("/jobs", body)["name"]
            self.owns_job = True

    def _request(self, method, path, body):
        request = urllib.request.Request(
            f"{self.url}/api/v1/workspaces/{self.workspace}{path}",
            data=json.dumps(body).encode(),
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            try:
                detail = json.loads(error.read()).get("error", {})
            except ValueError:
                detail = {}
            failure = StudioError(error.code, detail.get("code", "error"), detail.get("message", error.reason))
            retry_after = error.headers.get("Retry-After") if error.headers else None
            failure.retry_after = float(retry_after) if retry_after and retry_after.isdigit() else None
            raise failure from None

    def _post(self, path, body):
        return self._request("POST", path, body)

    def _post_batch(self, body):
        """Sends a metric batch with its idempotency key, again on a lost answer, 5xx or 429."""
        body = dict(body, batchId=uuid.uuid4().hex)
        delay = 0.5
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            try:
                return self._post(f"/jobs/{self.job}/log-batch", body)
            except StudioError as error:
                if attempt == BATCH_ATTEMPTS or (error.status < 500 and error.status != 429):
                    raise
                wait = error.retry_after or delay
            except (urllib.error.URLError, OSError):
                if attempt == BATCH_ATTEMPTS:
                    raise
                wait = delay
            time.sleep(wait)
            delay = min(delay * 2, 30.0)

    def log_metric(self, key, value, step=0, timestamp=None):
        self._metrics.append({"key": key, "value": float(value), "step": int(step), "timestamp": int(timestamp if timestamp is not None else time.time() * 1000)})
        if len(self._metrics) >= MAX_BATCH_METRICS or time.monotonic() - self._last_flush > FLUSH_SECONDS:
            self.flush()

    def log_metrics(self, metrics, step=0):
        for key, value in metrics.items():
            self.log_metric(key, value, step=step)

    def log_param(self, key, value):
        self.log_params({key: value})

    def log_params(self, params):
        self._post(f"/jobs/{self.job}/log-batch", {"params": _pairs(params)})

    def set_tag(self, key, value):
        self._post(f"/jobs/{self.job}/log-batch", {"tags": _pairs({key: value})})

    def flush(self):
        while self._metrics:
            batch, self._metrics = self._metrics[:MAX_BATCH_METRICS], self._metrics[MAX_BATCH_METRICS:]
            self._post_batch({"metrics": batch})
        self._last_flush = time.monotonic()

    def end(self, status="completed", reason=None):
        """Sends what is buffered; a job this run opened is finished with `status`."""
        self.flush()
        if self.owns_job:
            body = {"status": status}
            if reason:
                body["reason"] = str(reason)[:2000]
            self._request("PATCH", f"/jobs/{self.job}", body)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        self.end("failed" if error else "completed", repr(error) if error else None)
        return False


def _git_info():
    """The git facts of the running script's repository (its folder, or the working folder), or None."""
    main = sys.argv[0] if sys.argv and sys.argv[0] not in ("", "-c", "-m") else ""
    folder = os.path.dirname(os.path.abspath(main)) if main and os.path.exists(main) else os.getcwd()

    def git(*args):
        try:
            done = subprocess.run(["git", "-C", folder, *args], capture_output=True, text=True, timeout=5)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if not commit:
        return None
    info = {"commit": commit}
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    if branch and branch != "HEAD":
        info["branch"] = branch
    url = git("remote", "get-url", "origin")
    if url:
        info["repository"] = re.sub(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", r"\1", url, flags=re.I)
    status = git("status", "--porcelain", "--untracked-files=no")
    if status is not None:
        info["dirty"] = status != ""
    return info


def _strings(mapping):
    return {str(k): str(v) for k, v in (mapping or {}).items()}


def _pairs(mapping):
    return [{"key": k, "value": v} for k, v in _strings(mapping).items()]


_active = None


def start_run(**kwargs):
    """Opens (or, under the studio's runner, joins) the run that the module-level functions log to."""
    global _active
    _active = Run(**kwargs)
    return _active


def _run():
    return _active or start_run()


def log_metric(key, value, step=0, timestamp=None):
    _run().log_metric(key, value, step=step, timestamp=timestamp)


def log_metrics(metrics, step=0):
    _run().log_metrics(metrics, step=step)


def log_param(key, value):
    _run().log_param(key, value)


def log_params(params):
    _run().log_params(params)


def set_tag(key, value):
    _run().set_tag(key, value)


def end_run(status="completed", reason=None):
    global _active
    if _active:
        _active.end(status, reason)
        _active = None
