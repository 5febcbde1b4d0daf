import { describe, expect, it } from "vitest";
import { describeFollowers } from "@/lib/models/alias-followers";

describe("describeFollowers", () => {
  it("says nothing when no deployment follows the alias", () => {
    expect(describeFollowers([])).toBe("");
  });

  it("names the moved deployments, the requests waiting and the refusals", () => {
    const at = { endpoint: "iris", deployment: "blue" };
    expect(
      describeFollowers([
        { workspace: "dev", ...at, outcome: "moved" },
        { workspace: "test", ...at, outcome: "moved" },
        { workspace: "prod", ...at, outcome: "requested", request: 4 },
        {
          workspace: "prod",
          endpoint: "iris",
          deployment: "green",
          outcome: "refused",
          message: "Only registry models.",
        },
      ]),
    ).toBe(
      "moved dev/iris/blue, test/iris/blue; prod/iris/blue waits for approval (request #4 in prod); prod/iris/green stays: Only registry models.",
    );
  });
});
