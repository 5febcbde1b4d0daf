import { describe, expect, it } from "vitest";
import { codeFolderOf, folderPrefix, pathInFolder } from "@/lib/components/code-folder";

describe("codeFolderOf", () => {
  it("reads code paths as Azure ML's samples write them, with or without a trailing slash", () => {
    expect(codeFolderOf("component.yml", "./src/")).toBe("src");
    expect(codeFolderOf("component.yml", "./src")).toBe("src");
    expect(codeFolderOf("component.yml", "src//")).toBe("src");
    expect(codeFolderOf("component.yml", "./")).toBe(".");
    expect(codeFolderOf("component.yml", ".")).toBe(".");
    expect(codeFolderOf("train/component.yml", "./")).toBe("train");
    expect(codeFolderOf("train/component.yml", "../shared/")).toBe("shared");
  });

  it("is null for a folder outside the upload", () => {
    for (const code of ["..", "../", "../../x", "/etc"]) expect(codeFolderOf("component.yml", code), code).toBeNull();
  });

  it("joins paths inside the folder from the root", () => {
    expect(pathInFolder(".", "train.py")).toBe("train.py");
    expect(pathInFolder("src", "train.py")).toBe("src/train.py");
    expect(folderPrefix(".")).toBe("");
    expect(folderPrefix("src")).toBe("src/");
  });
});
