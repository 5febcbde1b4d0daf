import { describe, expect, it } from "vitest";
import { experimentMeets, parseExperimentFilter } from "./experiment-filter";

const experiment = {
  name: "Iris-Baseline",
  creationTime: 1000,
  lastUpdateTime: 2000,
  tags: { team: "vision", "owner.name": "ada" },
};
const meets = (filter: string) => {
  const parsed = parseExperimentFilter(filter);
  if (!parsed.ok) throw new Error(parsed.message);
  return experimentMeets(experiment, parsed.conditions);
};

describe("experiments/search filter", () => {
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

  it("says what is wrong with a filter it cannot read", () => {
    for (const [filter, message] of [
      ["attributes.name = 'x'", "Invalid attribute key"],
      ["name > 'x'", "Invalid comparator"],
      ["creation_time = 'x'", "Expected numeric value"],
      ["name = x", "Expected a quoted string"],
      ["name = 'a' OR name = 'b'", "only AND"],
    ] as const) {
      const parsed = parseExperimentFilter(filter);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(message);
    }
  });
});
