"""Runs an Azure ML style entry script (init() and run(raw_data)) for the studio's scoring runtime.

The studio starts one of these per deployment instance and keeps it alive. AZUREML_MODEL_DIR is set in
the environment before the script is imported. Requests arrive on fd 3 as JSON lines {"id", "body"};
answers leave on fd 4 as lines "<id> ok <json>", "<id> error <json message>" or "<id> invalid <json message>"
(an exception with studio_status = 400: the request's fault). The script's own stdout,
stderr and logging stay on stdout/stderr, which the studio keeps as the deployment's logs.
"""
import importlib.util
import json
import logging
import os
import sys
import traceback


def to_jsonable(value):
    # numpy arrays and scalars (and anything else with tolist/item) become plain lists and numbers.
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def describe(error):
    return f"{type(error).__name__}: {error}"


def main():
    code_dir, script = sys.argv[1], sys.argv[2]
    requests = os.fdopen(3, "rb", buffering=0)
    answers = os.fdopen(4, "wb", buffering=0)

    def answer(request_id, kind, payload):
        answers.write(f"{request_id} {kind} {payload}\n".encode("utf-8"))

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.path.insert(0, code_dir)
    os.chdir(code_dir)
    try:
        spec = importlib.util.spec_from_file_location("score", os.path.join(code_dir, script))
        module = importlib.util.module_from_spec(spec)
        sys.modules["score"] = module
        spec.loader.exec_module(module)
        if not callable(getattr(module, "run", None)):
            raise AttributeError(f"{script} defines no run(raw_data) function")
        if callable(getattr(module, "init", None)):
            module.init()
    except BaseException as error:  # noqa: BLE001 - any failure here means the instance cannot serve
        traceback.print_exc()
        sys.stderr.flush()
        answer(0, "initfail", json.dumps(describe(error)))
        sys.exit(3)
    sys.stdout.flush()
    answer(0, "ready", "null")

    buffer = b""
    while True:
        chunk = requests.read(65536)
        if not chunk:
            return
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            try:
                result = module.run(request["body"])
                payload = json.dumps(result, default=to_jsonable, allow_nan=False)
                kind = "ok"
            except Exception as error:  # noqa: BLE001 - the script's error goes back to the caller
                if getattr(error, "studio_status", None) == 400:
                    # The request's fault (the studio's MLflow scorer says so): a 400 with the message alone.
                    payload = json.dumps(str(error))
                    kind = "invalid"
                else:
                    traceback.print_exc()
                    payload = json.dumps(describe(error))
                    kind = "error"
            sys.stdout.flush()
            sys.stderr.flush()
            answer(request["id"], kind, payload)


if __name__ == "__main__":
    main()
