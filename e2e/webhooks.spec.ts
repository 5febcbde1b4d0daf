import { expect } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { WebhookReceiver } from "../tests/support/webhook-receiver";
import { asAdmin, asReviewer, uniqueName } from "./fixtures";

// A webhook made in the browser, its secret shown once, a test event sent and seen arriving (at a real
// receiver on loopback, which checks the signature with the secret the page showed), then deleted.

asAdmin("create a webhook, send a test event, see the delivery, delete it", async ({ page }) => {
  const receiver = await new WebhookReceiver().start();
  try {
    const path = `/${uniqueName("e2e")}`;
    await page.goto("/workspaces/dev/webhooks");
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("URL").fill(receiver.url + path);
    await form.getByLabel("Description").fill("e2e receiver");
    // Only model registrations and failed jobs, chosen from the catalog.
    await form.getByLabel("All events, including types added later").uncheck();
    await form.getByRole("group", { name: "Models", exact: true }).getByLabel("model.version.registered").check();
    await form.getByRole("group", { name: "Jobs", exact: true }).getByLabel("job.failed").check();
    await form.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByRole("table", { name: "Webhooks" }).getByRole("row", { name: new RegExp(path) });
    await expect(row).toContainText("model.version.registered, job.failed");
    await expect(row).toContainText("on");

    await page.getByRole("link", { name: "Open the webhook" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(receiver.url + path);
    await page.getByRole("button", { name: "Send test event" }).click();
    const deliveries = page.getByRole("table", { name: "Deliveries" });
    await expect(deliveries.getByRole("row").nth(1)).toContainText("webhook.test");
    await expect(deliveries.getByRole("row").nth(1)).toContainText("delivered", { timeout: 15_000 });
    await expect(deliveries.getByRole("row").nth(1)).toContainText("200");

    // What arrived verifies with the secret the page showed once.
    const [received] = receiver.at(path);
    const headers = Object.fromEntries(Object.entries(received.headers).map(([k, v]) => [k, String(v)]));
    const event = new Webhook(secret).verify(received.body, headers) as { type: string; source: string };
    expect(event).toMatchObject({ type: "io.mlopsstudio.webhook.test", source: "/workspaces/dev" });

    await page.getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByRole("alert").or(page.getByRole("note")).filter({ hasText: "turned off" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();
    await page.getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("button", { name: "Delete, with its deliveries" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/webhooks$/);
    await expect(
      page.getByRole("table", { name: "Webhooks" }).getByRole("row", { name: new RegExp(path) }),
    ).toHaveCount(0);
  } finally {
    await receiver.stop();
  }
});

asReviewer("a reader sees no webhooks and is told who manages them", async ({ page }) => {
  await page.goto("/workspaces/test/webhooks");
  await expect(page.getByText("Webhooks are managed by owners and contributors")).toBeVisible();
  await expect(page.getByRole("form", { name: "New webhook" })).toHaveCount(0);
});
