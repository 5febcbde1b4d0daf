import "server-only";
import { setModelAlias } from "@/server/models/aliases";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { seedDemoJobs } from "@/server/seed/demo-jobs";
import { seedDemoRules } from "@/server/seed/demo-rules";
import { seedDemoSchedules } from "@/server/seed/demo-schedules";
import { seedDemoPipeline } from "@/server/seed/demo-pipelines";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { hashPassword } from "@/server/auth/passwords";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { registerModelVersion, type NewModelFile } from "@/server/models/register-model-version";
import { seedDemoEndpoints } from "@/server/seed/demo-endpoints";
import { updateModelVersion } from "@/server/models/update-model-version";
import { publishModelVersion } from "@/server/models/publish-model-version";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { createDataVersion } from "@/server/assets/create-data-version";
import { shareAssetVersion } from "@/server/assets/share-asset-version";
import type { Role } from "@/lib/permissions";
import type { ModelType } from "@/lib/schemas/models";

export const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", isAdmin: true },
  { email: "scientist@example.com", name: "Sam Scientist", isAdmin: false },
  { email: "reviewer@example.com", name: "Rae Reviewer", isAdmin: false },
] as const;

const SCOPES = [
  {
    kind: "workspace",
    name: "dev",
    displayName: "Development",
    stage: "dev",
    description: "Where experiments and training happen.",
  },
  { kind: "workspace", name: "test", displayName: "Test", stage: "test", description: "Candidates under validation." },
  {
    kind: "workspace",
    name: "prod",
    displayName: "Production",
    stage: "prod",
    description: "What serves real traffic. Members only.",
  },
  {
    kind: "registry",
    name: "shared",
    displayName: "Shared registry",
    stage: null,
    description: "Assets shared across workspaces.",
  },
] as const;

const MEMBERSHIPS: Record<string, Record<string, Role>> = {
  "admin@example.com": { dev: "owner", test: "owner", prod: "owner", shared: "owner" },
  "scientist@example.com": { dev: "contributor", test: "contributor", shared: "reader" },
  "reviewer@example.com": { test: "reader", prod: "reader", shared: "reader" },
};

const ASSETS = join(process.cwd(), "prisma/seed-assets");

async function storeFolder(
  folder: string,
  hasMetrics = true,
): Promise<{ files: NewModelFile[]; metrics: Record<string, unknown> }> {
  const root = join(ASSETS, folder);
  const files: NewModelFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) await walk(full);
      else if (!hasMetrics || entry !== "metrics.json")
        files.push({ path: relative(root, full), ...(await artifactStore.putBuffer(readFileSync(full))) });
    }
  };
  await walk(root);
  return {
    files,
    metrics: hasMetrics
      ? (JSON.parse(readFileSync(join(root, "metrics.json"), "utf8")) as Record<string, unknown>)
      : {},
  };
}

function asProperties(metrics: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, String(v)]));
}

type SeedVersion = {
  scope: string;
  by: string;
  name: string;
  folder: string;
  type: ModelType;
  description: string;
  tags: Record<string, string>;
};

const VERSIONS: SeedVersion[] = [
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "iris-classifier",
    folder: "iris-classifier-v1",
    type: "onnx",
    description: "Logistic regression on the iris measurements (strong regularisation), exported to ONNX.",
    tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany" },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "iris-classifier",
    folder: "iris-classifier-v2",
    type: "onnx",
    description: "Logistic regression on the iris measurements (C=1), exported to ONNX.",
    tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany", stage: "candidate" },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "breast-cancer-tree",
    folder: "breast-cancer-tree-v1",
    type: "custom_model",
    description: "Decision tree, depth 2, on the Wisconsin breast cancer data.",
    tags: { task: "classification", dataset: "breast_cancer", framework: "sklearn", team: "health" },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "breast-cancer-tree",
    folder: "breast-cancer-tree-v2",
    type: "custom_model",
    description: "Decision tree, depth 4.",
    tags: { task: "classification", dataset: "breast_cancer", framework: "sklearn", team: "health" },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "breast-cancer-tree",
    folder: "breast-cancer-tree-v3",
    type: "custom_model",
    description: "Decision tree, depth 6.",
    tags: {
      task: "classification",
      dataset: "breast_cancer",
      framework: "sklearn",
      team: "health",
      stage: "candidate",
    },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "diabetes-regressor",
    folder: "diabetes-regressor-v1",
    type: "onnx",
    description: "Linear regression of disease progression after one year, exported to ONNX.",
    tags: { task: "regression", dataset: "diabetes", framework: "sklearn", team: "health" },
  },
  {
    scope: "dev",
    by: "scientist@example.com",
    name: "wine-classifier",
    folder: "wine-classifier-v1",
    type: "mlflow_model",
    description: "Logistic regression on wine chemistry, saved in MLflow's model format.",
    tags: { task: "classification", dataset: "wine", framework: "sklearn", team: "beverage" },
  },
  {
    scope: "test",
    by: "admin@example.com",
    name: "iris-classifier",
    folder: "iris-classifier-v2",
    type: "onnx",
    description: "Candidate from dev (iris-classifier:2) under validation.",
    tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany", stage: "validation" },
  },
  {
    scope: "prod",
    by: "admin@example.com",
    name: "iris-classifier",
    folder: "iris-classifier-v1",
    type: "onnx",
    description: "The iris model serving production.",
    tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany", stage: "production" },
  },
];

/**
 * Runs at server start, after the migrations: seeds the demo data into an empty database unless
 * STUDIO_SEED=none, and says how to sign in.
 */
export async function seedOnFirstStart(): Promise<void> {
  if (env.STUDIO_SEED !== "demo") return;
  try {
    if (await seedDemoData()) {
      console.log(
        "[studio] seeded demo users, workspaces and models; sign in as admin@example.com, scientist@example.com or reviewer@example.com (password: STUDIO_DEMO_PASSWORD, by default studio-demo)",
      );
    }
  } catch (error) {
    // Another instance sharing the database seeded it first.
    if (isUniqueViolation(error)) return;
    throw error;
  }
}

/** Creates the demo users, workspaces, registry and models once, on an empty database. */
export async function seedDemoData(): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(env.STUDIO_DEMO_PASSWORD);
  const actors = new Map<string, Actor>();
  await db.$transaction(async (tx) => {
    const scopeIds = new Map<string, string>();
    for (const s of SCOPES) {
      const scope = await tx.scope.create({
        data: { kind: s.kind, name: s.name, displayName: s.displayName, stage: s.stage, description: s.description },
      });
      scopeIds.set(s.name, scope.id);
    }
    for (const u of DEMO_USERS) {
      const user = await tx.user.create({ data: { email: u.email, name: u.name, isAdmin: u.isAdmin, passwordHash } });
      actors.set(u.email, { userId: user.id, email: user.email, name: user.name, via: "session" });
      for (const [scopeName, role] of Object.entries(MEMBERSHIPS[u.email])) {
        await tx.membership.create({ data: { userId: user.id, scopeId: scopeIds.get(scopeName)!, role } });
      }
    }
  });
  for (const v of VERSIONS) {
    const { files, metrics } = await storeFolder(v.folder);
    await registerModelVersion(
      actors.get(v.by)!,
      { kind: "workspace", name: v.scope },
      {
        name: v.name,
        description: v.description,
        type: v.type,
        tags: v.tags,
        properties: asProperties(metrics),
      },
      files,
    );
  }
  const scientist = actors.get("scientist@example.com")!;
  const admin = actors.get("admin@example.com")!;
  await updateModelVersion(scientist, { kind: "workspace", name: "dev" }, "breast-cancer-tree", 1, {
    isArchived: true,
    reason: "Too shallow: depth 2 misses malignant cases that deeper trees catch.",
  });
  await publishModelVersion(admin, "shared", "iris-classifier", {
    source: { workspace: "dev", name: "iris-classifier", version: 2 },
    reason: "Validated on the iris hold-out set; shared so test and prod deploy the same bytes.",
  });
  await seedAssets(scientist, admin);
  await seedDemoJobs(scientist, "dev");
  // The job-trained model goes to the registry with its lineage, so prod can try it and reviewers can trace it.
  await publishModelVersion(admin, "shared", "iris-sgd", {
    source: { workspace: "dev", name: "iris-sgd", version: 1 },
    reason: "Trained by the iris example (lr 0.05, 40 epochs); shared for a production trial.",
  });
  // The first training is the champion, the second a challenger (aliases, as MLflow's client sets them).
  await setModelAlias(
    scientist,
    { kind: "workspace", name: "dev" },
    "iris-sgd",
    "champion",
    1,
    "Best validation accuracy of the three trainings.",
  );
  await setModelAlias(
    scientist,
    { kind: "workspace", name: "dev" },
    "iris-sgd",
    "challenger",
    2,
    "Higher learning rate; to be compared on live traffic.",
  );
  await seedDemoPipeline(scientist, "dev");
  await seedDemoRules(scientist, "dev");
  await seedDemoSchedules(scientist, "dev");
  await seedDemoEndpoints(scientist, admin);
  return true;
}

// Conda files as local compute builds them: Python's version checked, the packages from the pip section (over
// the machine's own, which Debian's python3-sklearn provides offline).
const SKLEARN_CONDA_V1 = `name: sklearn-env
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
      - numpy>=1.24
      - scikit-learn>=1.2
`;

const SKLEARN_CONDA_V2 = `name: sklearn-env
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
      - numpy>=1.24
      - scipy>=1.10
      - scikit-learn>=1.2
      - joblib>=1.2
      - onnx>=1.12
`;

/** Environments and data assets (real data sets shipped in prisma/seed-assets/data), queued for profiling. */
async function seedAssets(scientist: Actor, admin: Actor) {
  const dev = { kind: "workspace", name: "dev" } as const;
  await createEnvironmentVersion(scientist, dev, {
    name: "sklearn-env",
    description: "Python 3.11 with scikit-learn, for the classic tabular models.",
    tags: { framework: "sklearn", python: "3.11" },
    conda: SKLEARN_CONDA_V1,
  });
  await createEnvironmentVersion(scientist, dev, {
    name: "sklearn-env",
    description: "Python 3.11 with scikit-learn, SciPy and ONNX.",
    tags: { framework: "sklearn", python: "3.11" },
    conda: SKLEARN_CONDA_V2,
  });
  await createEnvironmentVersion(scientist, dev, {
    name: "node-env",
    description: "Node.js 20 for the JavaScript trainers (ml-* packages).",
    tags: { runtime: "node" },
    image: "node:20-bookworm-slim",
    pip: null,
  });
  await createEnvironmentVersion(scientist, dev, {
    name: "python-slim",
    description: "Plain Python with NumPy: the slim image for packaging, NumPy on local compute.",
    image: "python:3.11-slim",
    pip: "numpy>=1.24\n",
  });
  const data = async (folder: string) => (await storeFolder(join("data", folder), false)).files;
  await createDataVersion(
    scientist,
    dev,
    {
      name: "iris",
      type: "file",
      description: "Fisher's iris measurements: 150 flowers, 3 species (from scikit-learn's bundled copy).",
      tags: { source: "uci", task: "classification" },
    },
    await data("iris"),
  );
  await createDataVersion(
    scientist,
    dev,
    {
      name: "wine",
      type: "table",
      description: "Chemical analysis of 178 Italian wines from three cultivars.",
      tags: { source: "uci", task: "classification" },
    },
    await data("wine"),
  );
  await createDataVersion(
    scientist,
    dev,
    {
      name: "diabetes",
      type: "file",
      description:
        "442 diabetes patients: ten baseline variables and disease progression one year later (JSON lines, unscaled).",
      tags: { source: "scikit-learn", task: "regression" },
    },
    await data("diabetes"),
  );
  await shareAssetVersion(admin, dev, "environment", "sklearn-env", 2, {
    registry: "shared",
    reason: "The team's standard training environment.",
  });
  await shareAssetVersion(admin, dev, "data", "iris", 1, {
    registry: "shared",
    reason: "Reference data for the iris models.",
  });
}
