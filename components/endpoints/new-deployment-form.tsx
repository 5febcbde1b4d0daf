"use client";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { DEPLOYMENT_LIMITS, SCORING_METHOD_LABEL, type ModelChoice, type ScoringMethod } from "@/lib/schemas/endpoints";
import { Alert } from "@/components/ui/misc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { createDeploymentRequest, isHeld } from "@/components/endpoints/endpoint-requests";
import { useToast } from "@/components/ui/toast";
import { pages } from "@/lib/routes";

type EnvironmentChoice = { ref: string; description: string };

const SCRIPT_HINT: Record<ScoringMethod, string> = {
  onnx: "The model's .onnx file is served by onnxruntime; its inputs and outputs are read from the model.",
  python:
    "A score.py with init() and run(raw_data), as on Azure ML: AZUREML_MODEL_DIR points at the model's files; run() gets the request body as a string.",
  javascript: "A module exporting init() and run(rawData), the same contract for Node.js.",
  mlflow:
    "As Azure ML's no-code deployments: the MLmodel file says how to load it (scikit-learn, ONNX, or a loader module); requests are checked against its signature.",
};

/** Which methods a model version can take, and the one offered first. */
const isAvailable = (m: ScoringMethod, choice: ModelChoice | undefined) =>
  m === "onnx" ? Boolean(choice?.hasOnnx) : m === "mlflow" ? Boolean(choice?.hasMlmodel) : true;
const firstMethod = (choice: ModelChoice | undefined): ScoringMethod =>
  choice?.hasMlmodel ? "mlflow" : choice?.hasOnnx ? "onnx" : "python";
const UNAVAILABLE: Partial<Record<ScoringMethod, string>> = {
  onnx: "This model version has no .onnx file.",
  mlflow: "This model version has no MLmodel file.",
};

/** Deploys a model version under an endpoint: ONNX with no code, or an entry script with its code folder. */
export function NewDeploymentForm({
  workspace,
  endpoint,
  models,
  initialModel,
  environments,
  isFirst,
}: {
  workspace: string;
  endpoint: string;
  models: ModelChoice[];
  initialModel?: string;
  environments: EnvironmentChoice[];
  isFirst: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [model, setModel] = useState(initialModel ?? models[0]?.ref ?? "");
  const chosen = models.find((m) => m.ref === model);
  const [method, setMethod] = useState<ScoringMethod>(firstMethod(chosen));
  const hasCode = method === "python" || method === "javascript";
  /** A method, with the script's usual name for it when the name is still the other's default. */
  const chooseMethod = (m: ScoringMethod) => {
    setMethod(m);
    if (m === "javascript" && script === "score.py") setScript("score.mjs");
    if (m === "python" && script === "score.mjs") setScript("score.py");
  };
  const [environment, setEnvironment] = useState("");
  const [script, setScript] = useState("score.py");
  const [files, setFiles] = useState<File[]>([]);
  const [inlineCode, setInlineCode] = useState("");
  const [instances, setInstances] = useState(1);
  const [timeoutMs, setTimeoutMs] = useState(5000);
  const [collection, setCollection] = useState(0);
  const [description, setDescription] = useState("");
  const [reason, setReason] = useState("");
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const groups = useMemo(() => [...new Set(models.map((m) => m.scope))], [models]);

  const submit = async () => {
    setIsBusy(true);
    setError(null);
    const spec: Record<string, unknown> = {
      name: name.trim(),
      model,
      description,
      scoringMethod: method,
      instanceCount: instances,
      requestTimeoutMs: timeoutMs,
      dataCollectionPercent: collection,
    };
    if (environment) spec.environment = environment;
    if (reason.trim()) spec.reason = reason.trim();
    const form = new FormData();
    if (hasCode) {
      spec.scoringScript = script.trim();
      if (files.length === 0 && inlineCode.trim()) spec.code = { [script.trim()]: inlineCode };
      for (const file of files)
        form.append("files", file, (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name);
    }
    form.append("spec", JSON.stringify(spec));
    const result = await createDeploymentRequest(workspace, endpoint, form);
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    if (isHeld(result.value)) {
      const { promotion } = result.value;
      toast(`Sent for approval as request #${promotion.number}: nothing is deployed until it is approved`);
      router.push(pages.promotion(promotion.scope, promotion.id));
      return;
    }
    router.push(pages.endpoint(workspace, endpoint));
    router.refresh();
  };

  return (
    <form
      aria-label="New deployment"
      className="flex max-w-2xl flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Name" htmlFor={`${id}-name`} hint="3 to 32 letters, digits and '-', e.g. blue or green.">
        <Input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={32}
          required
          autoFocus
        />
      </Field>
      <Field
        label="Model version"
        htmlFor={`${id}-model`}
        hint={
          chosen
            ? `${chosen.type}${chosen.hasOnnx ? " · has an .onnx file" : ""}${chosen.description ? ` · ${chosen.description}` : ""}`
            : "Register a model first."
        }
      >
        <Select
          id={`${id}-model`}
          value={model}
          onChange={(e) => {
            setModel(e.target.value);
            const next = models.find((m) => m.ref === e.target.value);
            // Each model starts from the method it can be served with most simply (MLflow, ONNX, then code).
            chooseMethod(firstMethod(next));
          }}
          required
        >
          {groups.map((group) => (
            <optgroup key={group} label={group}>
              {models
                .filter((m) => m.scope === group)
                .map((m) => (
                  <option key={m.ref} value={m.ref}>
                    {m.ref}
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Scoring method</legend>
        {(Object.keys(SCORING_METHOD_LABEL) as ScoringMethod[]).map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-method`}
              value={m}
              checked={method === m}
              disabled={!isAvailable(m, chosen)}
              onChange={() => chooseMethod(m)}
              className="mt-1"
            />
            <span>
              {SCORING_METHOD_LABEL[m]}
              <span className="block text-xs text-muted">
                {isAvailable(m, chosen) ? SCRIPT_HINT[m] : UNAVAILABLE[m]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {hasCode ? (
        <div className="flex flex-col gap-3 rounded-md border border-border p-3">
          <Field label="Scoring script" htmlFor={`${id}-script`} hint="Its path inside the code folder.">
            <Input id={`${id}-script`} value={script} onChange={(e) => setScript(e.target.value)} required />
          </Field>
          <Field
            label="Code files"
            htmlFor={`${id}-files`}
            hint={
              files.length
                ? `${files.length} file${files.length > 1 ? "s" : ""}: ${files
                    .map((f) => f.name)
                    .slice(0, 5)
                    .join(", ")}${files.length > 5 ? "…" : ""}`
                : "The script and what it imports. Or paste a single script below."
            }
          >
            <input
              id={`${id}-files`}
              type="file"
              multiple
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
              className="text-sm"
            />
          </Field>
          {files.length === 0 ? (
            <Field label={`Or paste ${script || "the script"}`} htmlFor={`${id}-inline`}>
              <Textarea
                id={`${id}-inline`}
                value={inlineCode}
                onChange={(e) => setInlineCode(e.target.value)}
                spellCheck={false}
                className="min-h-40 font-mono text-xs"
              />
            </Field>
          ) : null}
          <Field
            label="Environment"
            htmlFor={`${id}-environment`}
            hint="Python scripts run in its build (its pip packages in a virtual environment, shared with jobs that name it); it is also written into the deployment's package. Without one, the studio's Python (STUDIO_PYTHON) or Node.js."
          >
            <Select id={`${id}-environment`} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              <option value="">None</option>
              {environments.map((env) => (
                <option key={env.ref} value={env.ref}>
                  {env.ref}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Instances" htmlFor={`${id}-instances`} hint={`1 to ${DEPLOYMENT_LIMITS.maxInstances}`}>
          <Input
            id={`${id}-instances`}
            type="number"
            min={1}
            max={DEPLOYMENT_LIMITS.maxInstances}
            value={instances}
            onChange={(e) => setInstances(Number(e.target.value))}
          />
        </Field>
        <Field label="Request timeout (ms)" htmlFor={`${id}-timeout`}>
          <Input
            id={`${id}-timeout`}
            type="number"
            min={DEPLOYMENT_LIMITS.minTimeoutMs}
            max={DEPLOYMENT_LIMITS.maxTimeoutMs}
            value={timeoutMs}
            onChange={(e) => setTimeoutMs(Number(e.target.value))}
          />
        </Field>
        <Field label="Data collection (%)" htmlFor={`${id}-collection`}>
          <Input
            id={`${id}-collection`}
            type="number"
            min={0}
            max={100}
            value={collection}
            onChange={(e) => setCollection(Number(e.target.value))}
          />
        </Field>
      </div>
      <Field label="Description" htmlFor={`${id}-description`}>
        <Textarea
          id={`${id}-description`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={5000}
        />
      </Field>
      <Field
        label="Why (kept in the audit trail)"
        htmlFor={`${id}-reason`}
        hint="Where deploying needs approval, approvers read it; a request cannot be made without one."
      >
        <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </Field>
      {isFirst ? (
        <p className="text-xs text-muted">
          As the endpoint&apos;s first deployment, it takes all traffic once it is up.
        </p>
      ) : (
        <p className="text-xs text-muted">
          It starts at 0% traffic; give it a share on the Details tab once it is up (or test it directly).
        </p>
      )}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={isBusy || !model}>
          {isBusy ? "Deploying…" : "Deploy"}
        </Button>
        <ButtonLink href={pages.endpoint(workspace, endpoint)}>Cancel</ButtonLink>
      </div>
    </form>
  );
}
