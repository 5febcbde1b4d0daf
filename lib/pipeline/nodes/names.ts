// Names of nodes: step ids (the step names of the pipeline YAML) and pipeline input/output names (the
// keys under its `inputs:` and `outputs:`, used in `${{parent.inputs.x}}`). New ones are made from a
// component or type name and kept unique: `train`, `train_2`, `train_3` …

// The one definition of each name rule: the designer, YAML import and export, the save schema and submit
// all use these (a step made from a component named `2d_model` is a valid step everywhere).

/** What a step id may be: letters, digits, `_` and `-`, as a pipeline YAML's job names. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,254}$/;
export const STEP_ID_RULE = "letters, digits, '_' and '-', at most 255 characters";
/** What a pipeline input or output name may be: an identifier, since `${{parent.inputs.<name>}}` names it. */
export const IO_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
export const IO_NAME_RULE = "letters, digits and '_', not starting with a digit, at most 255 characters";
/** What a component's input or output may be called (`${{inputs.<name>}}` in its command). */
export const PORT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const PORT_NAME_RULE = "letters, digits and '_', not starting with a digit, at most 64 characters";

/** `Train Model (v2)` → `train_model_v2`: accents dropped, lowercased, anything but a-z, 0-9 and `_` turned into `_`. */
export function slugName(raw: string, fallback: string): string {
  const slug = raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  return slug === "" ? fallback : slug;
}

/** `base` if it is free, else `base_2`, `base_3` … the first one not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
