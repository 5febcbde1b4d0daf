"use client";
import { StudioForm } from "@/components/ui/studio-form";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, Input, Textarea } from "@/components/ui/input";
import { KeyValueEditor, recordFromRows, rowsFromRecord, type KeyValueRow } from "@/components/models/key-value-editor";
import { assetNameSchema } from "@/lib/schemas/common";
import type { ScopeRef } from "@/lib/scopes";
import type { ActionResult } from "@/lib/action-result";
import type { CreateEnvironmentVersionInput } from "@/lib/schemas/assets";
import { pages } from "@/lib/routes";

export type EnvironmentDraft = {
  name: string;
  description: string;
  tags: Record<string, string>;
  conda: string;
  pip: string;
  image: string;
};

/** The page's server action that creates the version, bound to the scope. */
export type CreateEnvironmentVersion = (
  input: CreateEnvironmentVersionInput,
) => Promise<ActionResult<{ name: string; version: number }>>;

/** Creates an environment, or its next version when the name exists (prefilled from the latest). */
export function EnvironmentForm({
  scope,
  create,
  initial,
}: {
  scope: ScopeRef;
  create: CreateEnvironmentVersion;
  initial: EnvironmentDraft;
}) {
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [tags, setTags] = useState<KeyValueRow[]>(rowsFromRecord(initial.tags));
  const [conda, setConda] = useState(initial.conda);
  const [pip, setPip] = useState(initial.pip);
  const [image, setImage] = useState(initial.image);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const nameCheck = name ? assetNameSchema.safeParse(name) : null;

  return (
    <StudioForm
      label="New environment version"
      onSubmit={() => {
        setError(null);
        startTransition(async () => {
          // Empty boxes mean "not given"; what is given is sent exactly as typed.
          const result = await create({
            name,
            description,
            tags: recordFromRows(tags),
            conda: conda.trim() ? conda : null,
            pip: pip.trim() ? pip : null,
            image: image.trim() ? image.trim() : null,
          });
          if (!result.ok) return setError(result.error.message);
          router.push(pages.assetVersion(scope, "environments", result.data.name, result.data.version));
        });
      }}
      error={error}
      errorTitle="The environment was not saved"
      submitLabel="Create version"
      pendingLabel="Saving…"
      isPending={isPending}
      canSubmit={Boolean(name)}
    >
      <Field
        label="Name"
        htmlFor="env-name"
        error={nameCheck && !nameCheck.success ? nameCheck.error.issues[0]?.message : null}
        hint="A new name starts at version 1; an existing name gets its next version."
      >
        <Input
          id="env-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={255}
          placeholder="e.g. sklearn-env"
        />
      </Field>
      <Field label="Description" htmlFor="env-description">
        <Textarea
          id="env-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={5000}
        />
      </Field>
      <p className="text-sm text-muted">
        Give at least one of the three below. Files are kept exactly as you paste them.
      </p>
      <Field
        label="Conda file (environment.yml)"
        htmlFor="env-conda"
        hint="A mapping with a dependencies: list. Checked lightly (indentation, keys); not parsed."
      >
        <Textarea
          id="env-conda"
          value={conda}
          onChange={(e) => setConda(e.target.value)}
          rows={10}
          spellCheck={false}
          className="font-mono text-xs"
          placeholder={"name: my-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn"}
        />
      </Field>
      <Field label="pip requirements (requirements.txt)" htmlFor="env-pip">
        <Textarea
          id="env-pip"
          value={pip}
          onChange={(e) => setPip(e.target.value)}
          rows={5}
          spellCheck={false}
          className="font-mono text-xs"
          placeholder={"numpy==1.26.4\npandas>=2"}
        />
      </Field>
      <Field label="Base image" htmlFor="env-image" hint="A container image reference, e.g. python:3.11-slim.">
        <Input
          id="env-image"
          value={image}
          onChange={(e) => setImage(e.target.value)}
          maxLength={512}
          className="font-mono"
          placeholder="python:3.11-slim"
        />
      </Field>
      <KeyValueEditor
        label="Tags"
        itemLabel="tag"
        rows={tags}
        onChange={setTags}
        keyPlaceholder="framework"
        valuePlaceholder="sklearn"
      />
    </StudioForm>
  );
}
