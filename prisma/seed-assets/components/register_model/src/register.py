"""Registers the model input as a new model version through the studio's API, with this job's token.

The runner says which step's output the model input is (STUDIO_INPUT_MODEL_FROM = "<job>/<output>"), and
the studio lets a pipeline step register from the outputs of its own pipeline's steps."""
import argparse
import json
import os
import urllib.error
import urllib.parse
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--model_name", required=True)
parser.add_argument("--registration", required=True)
args = parser.parse_args()

source = os.environ.get("STUDIO_INPUT_MODEL_FROM")
if not source:
    raise SystemExit("The model input does not come from a pipeline step (STUDIO_INPUT_MODEL_FROM is not set)")
job, output = source.split("/", 1)
base = os.environ["MLOPS_STUDIO_URL"].rstrip("/")
workspace = urllib.parse.quote(os.environ["MLOPS_STUDIO_WORKSPACE"])
url = f"{base}/api/v1/workspaces/{workspace}/jobs/{job}/outputs/{urllib.parse.quote(output)}/register-model"
body = json.dumps({"name": args.model_name, "description": f"Trained by pipeline step {job}.", "tags": {"source": "pipeline"}}).encode()
request = urllib.request.Request(url, data=body, method="POST", headers={"Authorization": f"Bearer {os.environ['MLOPS_STUDIO_TOKEN']}", "Content-Type": "application/json"})
try:
    with urllib.request.urlopen(request, timeout=60) as response:
        registered = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"The studio refused the registration ({error.code}): {error.read().decode(errors='replace')}")
os.makedirs(args.registration, exist_ok=True)
with open(os.path.join(args.registration, "model.json"), "w") as f:
    json.dump({"name": registered["name"], "version": registered["version"], "sourceJob": job}, f, indent=2)
print(f"registered {registered['name']}:{registered['version']} from {job}/{output}")
