import type { ScopeKind } from "@/lib/scopes";

// The studio's sections. `isBuilt` says whether the section works yet; unbuilt ones say so plainly.
export type Section = { id: string; label: string; kinds: ScopeKind[]; isBuilt: boolean; summary: string };

export const SCOPE_SECTIONS: Section[] = [
  {
    id: "models",
    label: "Models",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Registered models, their versions, files and lineage.",
  },
  {
    id: "jobs",
    label: "Jobs",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Training runs with metrics, params, logs and git info, run on the local runner.",
  },
  {
    id: "pipelines",
    label: "Pipelines",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Pipelines drawn in the visual designer, with clone, and the jobs they run.",
  },
  {
    id: "endpoints",
    label: "Endpoints",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Online and batch endpoints whose deployments score requests, with traffic split and mirroring.",
  },
  {
    id: "monitors",
    label: "Monitors",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Drift and data quality of each deployment's traffic against its training data, with alerts.",
  },
  {
    id: "data",
    label: "Data",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Versioned data assets with column profiles.",
  },
  {
    id: "environments",
    label: "Environments",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Versioned software environments: conda, pip and base image.",
  },
  {
    id: "components",
    label: "Components",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Reusable pipeline steps in Azure ML's command-component format.",
  },
  {
    id: "promotions",
    label: "Approvals",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "What deploying, traffic and publishing require here, and the requests waiting for a decision.",
  },
  {
    id: "members",
    label: "Members",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Who belongs, with which role.",
  },
  {
    id: "webhooks",
    label: "Webhooks",
    kinds: ["workspace", "registry"],
    isBuilt: true,
    summary: "Lifecycle events sent to your services as signed CloudEvents, with every delivery shown.",
  },
  {
    id: "automations",
    label: "Automations",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Rules that act on events: register good models, re-run jobs, notify people.",
  },
  {
    id: "schedules",
    label: "Schedules",
    kinds: ["workspace"],
    isBuilt: true,
    summary: "Pipelines and jobs run on a cron or recurrence in your time zone, with every run listed.",
  },
];

export function findSection(id: string, kind: ScopeKind): Section | undefined {
  return SCOPE_SECTIONS.find((s) => s.id === id && s.kinds.includes(kind));
}
