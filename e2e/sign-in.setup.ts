import { test as setup } from "@playwright/test";
import { ADMIN, REVIEWER, SCIENTIST, saveSignedInState } from "./fixtures";

// Runs once before the specs (the "sign-in" project in playwright.config.ts): each demo user signs in
// through the real form, and the specs start from the saved session instead of signing in again.
for (const email of [ADMIN, SCIENTIST, REVIEWER]) {
  setup(`sign in as ${email}`, async ({ browser }) => {
    await saveSignedInState(browser, email);
  });
}
