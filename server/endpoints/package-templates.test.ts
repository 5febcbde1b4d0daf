import { describe, expect, it } from "vitest";
import { dockerfile } from "@/server/endpoints/package-templates";

const conda = "dependencies:\n  - python=3.11\n";
const lines = (image: string | null) => dockerfile("python", { conda, pip: null, image }).split("\n");

describe("a deployment package's Dockerfile", () => {
  it("installs a conda file with micromamba on micromamba's image, the default", () => {
    for (const image of [null, "mambaorg/micromamba:1.5.8", "ghcr.io/mamba-org/micromamba:bookworm"]) {
      const file = lines(image);
      expect(file).toContain(`FROM ${image ?? "mambaorg/micromamba:1.5.8"}`);
      expect(file).toContain("RUN micromamba install -y -n base -f /tmp/conda.yaml && micromamba clean --all --yes");
    }
  });

  it("updates the conda of images that carry one", () => {
    for (const image of ["continuumio/miniconda3:24.1.2-0", "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04"]) {
      const file = lines(image);
      expect(file).toContain("RUN conda env update -n base -f /tmp/conda.yaml && conda clean -afy");
      expect(file.join("\n")).not.toContain("micromamba");
    }
  });

  it("brings micromamba's binary into any other image rather than calling one it does not have", () => {
    const file = lines("python:3.11-slim");
    expect(file).toEqual(
      expect.arrayContaining([
        "FROM python:3.11-slim",
        "COPY --from=mambaorg/micromamba:1.5.8 /bin/micromamba /usr/local/bin/micromamba",
        "RUN micromamba create -y -p /opt/env -f /tmp/conda.yaml && micromamba clean --all --yes",
        "ENV PATH=/opt/env/bin:$PATH",
      ]),
    );
    // The binary is copied in before it is run.
    expect(file.findIndex((l) => l.startsWith("COPY --from="))).toBeLessThan(
      file.findIndex((l) => l.startsWith("RUN micromamba")),
    );
    expect(file).not.toContain("ARG MAMBA_DOCKERFILE_ACTIVATE=1");
  });

  it("uses the image as it is without a conda file", () => {
    expect(dockerfile("python", { conda: null, pip: "numpy\n", image: "python:3.12-slim" })).not.toContain("mamba");
  });
});
