// Turns a job's command with ${{inputs.x}} / ${{outputs.y}} placeholders into the shell command the
// runner executes. Every substituted value is single-quoted, so a path or literal with spaces, quotes
// or `$(...)` stays one argument and runs nothing.

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function renderCommand(command: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return command.replace(/\$\{\{\s*(inputs|outputs)\.([A-Za-z0-9_]+)\s*\}\}/g, (whole, kind: string, name: string) => {
    const value = kind === "inputs" ? inputs[name] : outputs[name];
    if (value === undefined) throw new Error(`No ${kind === "inputs" ? "input" : "output"} named "${name}" (${whole}).`);
    return shellQuote(value);
  });
}

/** The program a command starts with, for messages ("train.py" in `python train.py` is not it). */
export function firstProgram(command: string): string {
  const match = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*([^\s;&|()<>]+)/.exec(command);
  return match ? match[1] : command.trim().split(/\s+/)[0] ?? "";
}

/** Environment variable names for inputs and outputs: STUDIO_INPUT_TRAIN_DATA for "train_data". */
export function ioVariable(kind: "input" | "output", name: string): string {
  return `STUDIO_${kind.toUpperCase()}_${name.toUpperCase()}`;
}
