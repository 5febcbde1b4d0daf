import { describe, expect, it } from "vitest";
import {
  EXPERIMENT_FILTER,
  MODEL_FILTER,
  VERSION_FILTER,
  entityMeets,
  parseEntityFilter,
  type FilterAttributes,
  type FilterEntity,
} from "./entity-filter";

const experiment: FilterEntity = {
  attributes: { name: "Iris-Baseline", creation_time: 1000, last_update_time: 2000 },
  tags: { team: "vision", "owner.name": "ada" },
};
const meets = (filter: string, entity = experiment, attributes: FilterAttributes = EXPERIMENT_FILTER) => {
  const parsed = parseEntityFilter(filter, attributes);
  if (!parsed.ok) throw new Error(parsed.message);
  return entityMeets(entity, parsed.conditions);
};
const problem = (filter: string, attributes: FilterAttributes = EXPERIMENT_FILTER) => {
  const parsed = parseEntityFilter(filter, attributes);
  return parsed.ok ? null : parsed.message;
};

describe("MLflow's search filters for experiments, models and versions", () => {
  it("compares names, times and tags as MLflow does", () => {
    expect(meets("")).toBe(true);
    expect(meets("name = 'Iris-Baseline'")).toBe(true);
    expect(meets("attribute.name LIKE 'Iris%'")).toBe(true);
    expect(meets("name LIKE 'iris%'")).toBe(false);
    expect(meets("name ILIKE 'iris%'")).toBe(true);
    expect(meets("creation_time >= 1000 and last_update_time < 2000")).toBe(false);
    expect(meets("creation_time >= 1000 AND last_update_time <= 2000")).toBe(true);
    expect(meets("tags.team = 'vision'")).toBe(true);
    expect(meets('tags."owner.name" != "bob"')).toBe(true);
    expect(meets("tags.missing != 'x'")).toBe(false);
    expect(meets("name LIKE 'Iris_Baseline'")).toBe(true);
  });

  it("reads a model without the prompt tag as not a prompt, as MLflow 3's client expects", () => {
    const model: FilterEntity = {
      attributes: { name: "clf", creation_timestamp: 1, last_updated_timestamp: 2 },
      tags: {},
    };
    expect(meets("tag.`mlflow.prompt.is_prompt` != 'true'", model, MODEL_FILTER)).toBe(true);
    expect(meets("tag.`mlflow.prompt.is_prompt` = 'true'", model, MODEL_FILTER)).toBe(false);
  });

  it("takes IN lists for a version's run_id only", () => {
    const version: FilterEntity = {
      attributes: { name: "clf", run_id: "job-a", source_path: "s", version_number: 3 },
      tags: {},
    };
    expect(meets("run_id IN ('job-a', 'job-b') and version_number >= 3", version, VERSION_FILTER)).toBe(true);
    expect(meets("run_id NOT IN ('job-a')", version, VERSION_FILTER)).toBe(false);
    expect(problem("name IN ('clf')", VERSION_FILTER)).toContain("Invalid comparator");
  });

  it("says what is wrong with a filter it cannot read", () => {
    for (const [filter, message] of [
      ["attributes.name = 'x'", "Invalid attribute key"],
      ["name > 'x'", "Invalid comparator"],
      ["creation_time = 'x'", "Expected numeric value"],
      ["name = x", "Expected a quoted string"],
      ["name = 'a' OR name = 'b'", "only AND"],
    ] as const)
      expect(problem(filter)).toContain(message);
  });
});
