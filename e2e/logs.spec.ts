import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import { SCIENTIST, apiToken, asScientist } from "./fixtures";

// A job's log is read like a log: searched line by line, with timestamps on demand, and downloaded.

asScientist("search a job's log, show timestamps, and download it", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const jobs = await request.get("/api/v1/workspaces/dev/jobs?limit=100", {
    headers: { Authorization: `Bearer ${token}` },
  });
  const job = ((await jobs.json()).items as { name: string; experiment: string; status: string }[]).find(
    (j) => j.status === "completed" && j.experiment === "iris-sklearn",
  );
  expect(job, "a seeded completed example run").toBeTruthy();
  await page.goto(`/workspaces/dev/jobs/${job!.name}?tab=logs`);
  const log = page.getByTestId("job-log");
  await expect(log).toContainText("Running on local compute");

  const search = page.getByLabel("Search the log");
  await search.fill("EXITED");
  await expect(page.getByText(/^1 of \d+ lines$/)).toBeVisible();
  await expect(log).not.toContainText("Running on local compute");
  await expect(log.locator("mark")).toHaveText(["exited"]);
  await search.fill("no line says this");
  await expect(log).toContainText("No line holds this text.");
  await search.fill("");
  await expect(log).toContainText("Running on local compute");

  await expect(log).not.toContainText(/\d\d:\d\d:\d\d\.\d{3}/);
  await page.getByLabel("Timestamps").check();
  await expect(log).toContainText(/\d\d:\d\d:\d\d\.\d{3} \[studio\] Running on local compute/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${job!.name}.log`);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z system +\[studio\] Running on local compute/m);
  expect(text).toContain("[studio] The command exited with code 0");
});
