import { expect } from "@playwright/test";
import { asScientist, uniqueName } from "./fixtures";

const yaml = (name: string) => `$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: ${name}
display_name: Split data
version: 3
type: command
inputs:
  raw:
    type: uri_file
  test_share:
    type: number
    default: 0.2
outputs:
  train:
    type: uri_folder
code: ./src
environment: azureml:sklearn-env@latest
command: >-
  python split.py --raw \${{inputs.raw}} --test_share \${{inputs.test_share}} --train \${{outputs.train}}
`;

asScientist(
  "register a component folder from the UI, see its interface, and read the line of a YAML mistake",
  async ({ page }) => {
    const name = uniqueName("split");
    await page.goto("/workspaces/dev/components");
    await page.getByRole("link", { name: "Register component" }).click();
    await page.getByLabel("Choose files").setInputFiles([
      { name: "component.yml", mimeType: "text/yaml", buffer: Buffer.from(yaml(name)) },
      { name: "split.py", mimeType: "text/x-python", buffer: Buffer.from("print('split')\n") },
    ]);
    // Two loose files have no folder: the code folder ./src is not there, and the form says so.
    await page.getByRole("button", { name: "Register component" }).click();
    await expect(page.getByText("The component was not registered")).toBeVisible();
    await expect(page.getByText(/code folder "\.\/src"/)).toBeVisible();

    // The YAML alone, with a mistake: the line is named.
    await page.getByRole("radio", { name: "YAML only" }).click();
    await page
      .getByLabel("Component YAML")
      .fill(yaml(name).replace("type: uri_file", "type: csv_file").replace("code: ./src\n", ""));
    await page.getByRole("button", { name: "Register component" }).click();
    await expect(page.getByText(/^Line 8: /)).toBeVisible();

    await page.getByLabel("Component YAML").fill(yaml(name).replace("code: ./src\n", ""));
    await page.getByRole("button", { name: "Register component" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/components/${name}/versions/3$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Split data");
    const inputs = page.getByRole("table", { name: "Inputs" });
    await expect(inputs.getByRole("row", { name: /raw uri_file — yes/ })).toBeVisible();
    await expect(inputs.getByRole("row", { name: /test_share number 0.2 no/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Outputs" })).toContainText("uri_folder");
    await page.goto(`/workspaces/dev/components?q=${name}`);
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  },
);
